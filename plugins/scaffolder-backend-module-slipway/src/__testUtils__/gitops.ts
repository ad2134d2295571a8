import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { CatalogEntityLookup } from '../actions/waitForEntity';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ActionContext,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import {
  createGitOpsRepository,
  GitOpsConfig,
  GitOpsRepository,
  GitRepository,
} from '@slipway/backstage-plugin-slipway-node';
import {
  LocalGitRepository,
  serviceManifest,
} from '@slipway/backstage-plugin-slipway-node/testing';
import yaml from 'yaml';
import { createManifestCreateAction } from '../actions/createManifest';

/** The environments of app-config.yaml, in order. */
export const ENVIRONMENTS = ['dev', 'staging', 'prod'];

export const DEFAULT_AUTHOR = {
  name: 'Slipway Scaffolder',
  email: 'scaffolder@slipway.local',
};

/** A GitOps repository like the demo's: systems, and an application with a database. */
export function seedGitops(repo: LocalGitRepository, root = '') {
  const at = (path: string) => (root ? `${root}/${path}` : path);
  const system = (name: string, owner: string) =>
    `apiVersion: slipway.dev/v1alpha1\nkind: System\nmetadata: { name: ${name} }\nspec: { owner: group:default/${owner} }\n`;
  return repo.commit({
    [at('systems/payments.yaml')]: system('payments', 'payments'),
    [at('systems/storefront.yaml')]: system('storefront', 'storefront'),
    [at('systems/analytics.yaml')]: system('analytics', 'data'),
    [at('apps/payments/checkout-api.yaml')]: `${serviceManifest(
      'checkout-api',
    )}  components:\n    - { name: checkout-db, type: postgres, database: checkout }\n`,
  });
}

export function gitopsConfig(
  url: string,
  overrides: Partial<GitOpsConfig> = {},
): GitOpsConfig {
  return {
    url,
    branch: 'main',
    path: '',
    changes: 'commit',
    refreshSeconds: 60,
    ...overrides,
  };
}

const opened: GitOpsRepository[] = [];

/** Removes the clones the repositories of manifestActionFor keep for reading; call it after each test. */
export async function closeRepositories() {
  for (const repository of opened.splice(0)) {
    if (repository instanceof GitRepository) await repository.close();
  }
}

/** `slipway:manifest:create` on a real git repository, with a mock events service to see what it announces. */
export function manifestActionFor(
  repo: LocalGitRepository,
  options: {
    gitops?: Partial<GitOpsConfig>;
    repository?: GitOpsRepository;
    catalog?: CatalogEntityLookup;
    catalogWaitMs?: number;
  } = {},
) {
  const gitops = gitopsConfig(repo.remote, options.gitops);
  const repository =
    options.repository ?? createGitOpsRepository(new ConfigReader({}), gitops);
  opened.push(repository);
  const events = mockServices.events.mock();
  const action = createManifestCreateAction({
    repository,
    gitops,
    environments: ENVIRONMENTS,
    events,
    defaultAuthor: DEFAULT_AUTHOR,
    catalog: options.catalog,
    catalogWaitMs: options.catalogWaitMs,
  });
  return { action, events, repository };
}

/** The values an action passed to `ctx.output`, by name. */
export function outputsOf(ctx: ActionContext<any, any>): Record<string, any> {
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
}

/** The steps of an action example. */
export function stepsOf(
  example: TemplateExample,
): Array<{ id: string; action: string; input: Record<string, any> }> {
  return yaml.parse(example.example).steps;
}

/**
 * For each test of the calling `describe`: a seeded GitOps repository (`seeded` is its head) and an empty folder
 * for the repositories templates create; both removed after the test.
 */
export function templateWorkspace() {
  const workspace = {} as {
    gitops: LocalGitRepository;
    seeded: string;
    repositories: string;
  };
  beforeEach(() => {
    workspace.gitops = new LocalGitRepository();
    workspace.seeded = seedGitops(workspace.gitops);
    workspace.repositories = mkdtempSync(
      join(tmpdir(), 'slipway-test-repositories-'),
    );
  });
  afterEach(() => {
    workspace.gitops.remove();
    rmSync(workspace.repositories, { recursive: true, force: true });
  });
  return workspace;
}
