import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { UserEntity } from '@backstage/catalog-model';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { GitOpsRepository } from '@slipway/backstage-plugin-slipway-node';
import { LocalGitRepository } from '@slipway/backstage-plugin-slipway-node/testing';
import {
  closeRepositories,
  DEFAULT_AUTHOR,
  manifestActionFor,
  outputsOf,
  seedGitops,
} from '../__testUtils__/gitops';

// Every test pushes to a real git repository, and two wait for the catalog: seconds each on a busy machine.
jest.setTimeout(30_000);

const service = {
  name: 'invoice-api',
  type: 'service',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  image: 'registry.acme.example/payments/invoice-api',
  environments: ['dev'],
  version: '0.1.0',
};

const alice: UserEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
    memberOf: ['payments'],
  },
};

function context(
  input: Record<string, unknown>,
  extra: Partial<ActionContext<any, any>> = {},
): ActionContext<any, any> {
  return { ...createMockActionContext<any>({ input }), ...extra };
}

describe('slipway:manifest:create', () => {
  let repo: LocalGitRepository;
  let seeded: string;

  beforeEach(() => {
    repo = new LocalGitRepository();
    seeded = seedGitops(repo);
  });
  afterEach(async () => {
    await closeRepositories();
    repo.remove();
  });

  /** Runs the action and expects it to fail without touching the repository or the catalog. */
  async function expectRefused(input: Record<string, unknown>) {
    const { action, events } = manifestActionFor(repo);
    const run = action.handler(context(input));
    await expect(run).rejects.toThrow();
    expect(repo.head()).toBe(seeded);
    expect(events.publish).not.toHaveBeenCalled();
    return run.catch(error => String(error.message));
  }

  it('writes the manifest at apps/<system>/<name>.yaml with the user as commit author', async () => {
    const { action } = manifestActionFor(repo);
    const ctx = context(service, {
      user: { entity: alice, ref: 'user:default/alice' },
      templateInfo: { entityRef: 'template:default/new-service' },
    });
    await action.handler(ctx);

    const output = outputsOf(ctx);
    expect(output.manifestPath).toBe('apps/payments/invoice-api.yaml');
    expect(output.manifest).toContain('owner: group:default/payments');
    expect(output.manifest).toContain('system: payments\n');
    expect(output.gitopsRepositoryUrl).toBe(`file://${repo.remote}`);
    expect(output.gitopsBranch).toBe('main');
    expect(output.diff).toContain('+++ b/apps/payments/invoice-api.yaml');
    expect(repo.inspect('log', '-1', '--format=%an <%ae>%n%s%n%b')).toBe(
      [
        'Alice Andersen <alice@acme.example>',
        'Add service invoice-api',
        'New application invoice-api, owned by group:default/payments, in system payments.',
        'Created by user:default/alice with template:default/new-service (task mock-task-id).',
        '',
        '',
      ].join('\n'),
    );
  });

  it('uses the default author when the user has no profile', async () => {
    const { action } = manifestActionFor(repo);
    await action.handler(context(service));
    expect(repo.inspect('log', '-1', '--format=%an <%ae>').trim()).toBe(
      `${DEFAULT_AUTHOR.name} <${DEFAULT_AUTHOR.email}>`,
    );
  });

  it('fails with the catalog parser messages, file and line included', async () => {
    const message = await expectRefused({
      ...service,
      name: 'Invoice_API',
      image: 'registry.acme.example/payments/invoice-api:1.0',
    });
    expect(message).toContain('The manifest is not valid:');
    expect(message).toMatch(
      /apps\/payments\/Invoice_API\.yaml:4:9: error: metadata\.name: must be a lowercase DNS label/,
    );
    expect(message).toMatch(
      /:\d+:\d+: error: spec\.image: must be an image repository without tag or digest/,
    );
  });

  it('refuses an environment that is not configured, naming the configured ones', async () => {
    const message = await expectRefused({
      ...service,
      environments: ['dev', 'qa'],
    });
    expect(message).toContain(
      'spec.environments.qa: environment "qa" is not configured (configured: dev, staging, prod)',
    );
  });

  it('refuses fields that do not belong to the type', async () => {
    const message = await expectRefused({ ...service, schedule: '@daily' });
    expect(message).toContain(
      'error: spec.schedule: "schedule" does not apply to service applications (it is a field of etl)',
    );
  });

  it('refuses Helm values that are not a YAML mapping', async () => {
    const message = await expectRefused({
      name: 'cache',
      type: 'vendor',
      owner: 'storefront',
      system: 'storefront',
      chart: { repository: 'https://charts.example.com', name: 'redis' },
      version: '1.0.0',
      environments: ['dev'],
      values: '- just\n- a list\n',
    });
    expect(message).toBe(
      'values: must be a YAML mapping of Helm values, such as `replicaCount: 2`',
    );
  });

  it('refuses input of the wrong shape with a message naming the field', async () => {
    const message = await expectRefused({ ...service, environments: [] });
    expect(message).toMatch(/^Invalid input: environments: /);
  });

  it('refuses a name the repository already has', async () => {
    const message = await expectRefused({ ...service, name: 'checkout-api' });
    expect(message).toBe(
      'An application named "checkout-api" already exists (apps/payments/checkout-api.yaml); choose another name',
    );
  });

  it('refuses in a sentence, without the stack trace the task log would show', async () => {
    const { action } = manifestActionFor(repo);
    const error = await action
      .handler(context({ ...service, name: 'checkout-api' }))
      .catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.stack).toBe(error.message);
    expect(error.stack).not.toContain(' at ');
  });

  it('refuses a component name another application declares', async () => {
    const message = await expectRefused({
      ...service,
      components: [{ name: 'checkout-db', type: 'redis' }],
    });
    expect(message).toContain(
      'A component named "checkout-db" is already declared by checkout-api (apps/payments/checkout-api.yaml)',
    );
  });

  it('never overwrites a file, even one that is not a valid manifest', async () => {
    repo.commit({ 'apps/payments/invoice-api.yaml': 'not: a manifest\n' });
    seeded = repo.head();
    const message = await expectRefused(service);
    expect(message).toMatch(
      /^apps\/payments\/invoice-api\.yaml already exists in the GitOps repository/,
    );
  });

  it('refuses a manifest path outside the folder the catalog reads', async () => {
    const { action } = manifestActionFor(repo, { gitops: { path: 'apps' } });
    await expect(
      action.handler(
        context({ ...service, manifestPath: 'elsewhere/invoice-api.yaml' }),
      ),
    ).rejects.toThrow(
      'manifestPath: "elsewhere/invoice-api.yaml" is outside apps/, the folder of the GitOps repository the catalog reads',
    );
    await expect(
      action.handler(
        context({ ...service, manifestPath: 'apps/../../etc/x.yaml' }),
      ),
    ).rejects.toThrow('must be a relative path of plain names');
    expect(repo.head()).toBe(seeded);
  });

  it('writes under slipway.gitops.path by default', async () => {
    seedGitops(repo, 'deploy');
    const { action } = manifestActionFor(repo, { gitops: { path: 'deploy' } });
    const ctx = context(service);
    await action.handler(ctx);
    expect(outputsOf(ctx).manifestPath).toBe(
      'deploy/apps/payments/invoice-api.yaml',
    );
  });

  it('ends only once the catalog has the new application, so that "Open in the catalog" opens it', async () => {
    let committed = false;
    let askedAfterCommit = 0;
    const catalog = {
      getEntityByRef: jest.fn(async (ref: string) => {
        committed = repo.head() !== seeded;
        if (!committed) return undefined;
        askedAfterCommit += 1;
        // The catalog reads the commit after a moment: not found twice, then there.
        return askedAfterCommit > 2 ? { ref } : undefined;
      }),
    };
    const { action } = manifestActionFor(repo, { catalog });
    await action.handler(context(service));
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/invoice-api',
    );
    expect(askedAfterCommit).toBe(3);
  });

  it('gives up waiting for the catalog after the bound, and still succeeds: the manifest is committed', async () => {
    const catalog = { getEntityByRef: jest.fn(async () => undefined) };
    const { action } = manifestActionFor(repo, {
      catalog,
      catalogWaitMs: 1200,
    });
    const ctx = context(service);
    const warn = jest.spyOn(ctx.logger, 'warn');
    const started = Date.now();
    await action.handler(ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outputsOf(ctx).status).toBe('committed');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'The catalog does not show component:default/invoice-api yet',
      ),
    );
  });

  it('does not wait for the catalog in a dry run', async () => {
    const catalog = { getEntityByRef: jest.fn(async () => undefined) };
    const { action } = manifestActionFor(repo, { catalog });
    await action.handler(context(service, { isDryRun: true }));
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('writes nothing in a dry run, and still shows the diff', async () => {
    const { action, events } = manifestActionFor(repo);
    const ctx = context(service, { isDryRun: true });
    await action.handler(ctx);
    const output = outputsOf(ctx);
    expect(output.status).toBe('dry-run');
    expect(output.diff).toContain('+  name: invoice-api');
    expect(output.revision).toBeUndefined();
    expect(repo.head()).toBe(seeded);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('does not write twice when a task is retried after the commit', async () => {
    // What the task runner does: a checkpoint that succeeded returns its stored value instead of running again.
    const stored = new Map<string, any>();
    const checkpoint = async ({ key, fn }: { key: string; fn: () => any }) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    };
    const { action } = manifestActionFor(repo);
    await action.handler(context(service, { checkpoint }));
    const committed = repo.head();
    const retry = context(service, { checkpoint });
    await action.handler(retry);
    expect(repo.head()).toBe(committed);
    expect(outputsOf(retry).revision).toBe(committed);
  });

  it('fails the step when the repository refuses the push', async () => {
    const hook = join(repo.remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const message = await expectRefused(service);
    expect(message).toMatch(/^git push failed: .*main is protected/s);
  });

  it('reports an opened pull request, and does not announce a change the branch does not have yet', async () => {
    const { repository: real } = manifestActionFor(repo);
    const change = jest.fn(async () => ({
      status: 'pull-request' as const,
      diff: '+++ b/apps/payments/invoice-api.yaml',
      revision: 'abc123',
      url: 'https://github.com/acme/gitops/pull/7',
      branch: 'slipway/add-service-invoice-api-1a2b3c',
    }));
    // GitHub cannot run here: reads go to the real repository, the pull request to this stand-in.
    const repository: GitOpsRepository = {
      description: real.description,
      read: options => real.read(options),
      change,
      fileUrl: path => `https://github.com/acme/gitops/blob/main/${path}`,
      locationRef: path => real.locationRef(path),
    };
    const { action, events } = manifestActionFor(repo, { repository });
    const ctx = context(service);
    await action.handler(ctx);

    const output = outputsOf(ctx);
    expect(output.status).toBe('pull-request');
    expect(output.changeUrl).toBe('https://github.com/acme/gitops/pull/7');
    expect(output.manifestUrl).toBeUndefined();
    expect(change).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Add service invoice-api',
        dryRun: false,
      }),
    );
    expect(events.publish).not.toHaveBeenCalled();
  });
});
