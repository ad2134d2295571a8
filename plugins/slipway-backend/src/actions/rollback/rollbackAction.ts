import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MANIFEST_VERSION,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionRefusal,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { titleOf } from '../../engine/ActionAuthorizer';
import { Deployment, DeployedVersions } from './DeployedVersions';

/** Rollback's parameters: what the requester asks, and what the checks resolved (recorded with the run). */
export type RollbackParameters = {
  /** The version to go back to (default: the one before the current). */
  version?: string;
  dryRun?: boolean;
  /** Resolved: the version the environment declares now, which the rollback replaces. */
  previousVersion?: string;
  /** Resolved: when `version` was deployed before (the commit that set it). */
  deployedAt?: string;
  /** Resolved: that commit, as `abc1234 Subject (Author)`. */
  deployedBy?: string;
};

/** How many earlier versions the form offers, unless `actions.rollback.versions` says otherwise. */
export const DEFAULT_ROLLBACK_VERSIONS = 5;

/** `abc1234 Promote checkout to staging: 1.1.0 (Alice Andersen)`: a commit as people name it. */
export const commitName = (d: Deployment) =>
  `${d.revision.slice(0, 7)} ${d.subject} (${d.author})`;

/** When, unambiguous wherever the reader is: the server cannot know their time zone. */
const when = (iso: string) =>
  `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

type Candidates =
  | { refusal: ActionRefusal }
  | { declared: string; earlier: Deployment[]; limit: number };

/**
 * Rollback: set one environment back to a version it ran before, taken from the history of the application's
 * manifest in the GitOps repository, and written like Promote writes (a commit or a pull request, which Argo CD then
 * syncs). The form offers the last few earlier versions, with when and by which commit each was deployed; the one
 * just before the current is the default. A dry run returns the diff and changes nothing.
 */
export function createRollbackAction(
  versions: DeployedVersions,
): ActionDefinition<RollbackParameters> {
  const candidates = async (
    entity: Entity,
    application: SlipwayApplicationSpec,
    environment: SlipwayEnvironment,
  ): Promise<Candidates> => {
    const title = titleOf(entity);
    const declared = application.environments[environment.name]?.version;
    if (!declared)
      return {
        refusal: {
          reason: `The manifest does not deploy ${title} to ${environment.title}, so there is nothing to roll back.`,
        },
      };
    let history;
    try {
      history = await versions.of(entity.metadata.name, environment.name);
    } catch (error) {
      return {
        refusal: {
          reason: `The history of ${title}'s manifest cannot be read right now; try again in a moment.`,
          detail: String((error as Error)?.message ?? error),
        },
      };
    }
    if ('unavailable' in history) return { refusal: history.unavailable };
    const limit =
      environment.actions.rollback?.config?.getOptionalNumber('versions') ??
      DEFAULT_ROLLBACK_VERSIONS;
    const earlier = history.earlier
      .filter(d => d.version !== declared)
      .slice(0, limit);
    if (!earlier.length)
      return {
        refusal: {
          reason: `${title} has run only ${declared} in ${environment.title}: there is no earlier version to go back to.`,
          detail: `No earlier commit of ${application.manifestPath} in the GitOps repository declares another spec.environments.${environment.name}.version.`,
        },
      };
    return { declared, earlier, limit };
  };

  return {
    id: 'rollback',
    title: 'Rollback',
    description:
      "Set this environment back to a version it ran before, by changing this environment's manifest in the GitOps repository.",
    parameters: z.strictObject({
      version: z
        .string()
        .regex(
          MANIFEST_VERSION,
          'must be a version: letters, digits, `.`, `_`, `+` and `-`, at most 128 characters',
        )
        .optional()
        .describe('Version to go back to'),
      dryRun: z
        .boolean()
        .optional()
        .describe('Only show the change to the manifest')
        .meta({ advanced: true }),
    }),
    mutating: parameters => !parameters.dryRun,
    timeoutSeconds: 300,
    resumable: true,
    // Opt-in per environment (`actions.rollback.executor: gitops`): it reads the repository's history, which a
    // platform team may not want every view of every application to trigger.
    unavailableReason: async ({ application, environment, entity }) => {
      if (!entity) return undefined;
      const found = await candidates(entity, application, environment);
      return 'refusal' in found ? found.refusal : undefined;
    },
    form: async ({ entity, application, environment }) => {
      const found = await candidates(entity, application, environment);
      if ('refusal' in found) return {};
      return {
        defaults: { version: found.earlier[0].version },
        choices: {
          version: found.earlier.map(d => ({
            value: d.version,
            label: `${d.version} — deployed ${when(d.deployedAt)} by ${
              d.author
            } (commit ${d.revision.slice(0, 7)}: ${d.subject})`,
          })),
        },
      };
    },
    prepare: async ({ entity, application, environment, parameters }) => {
      const found = await candidates(entity, application, environment);
      if ('refusal' in found) throw new InputError(found.refusal.reason);
      const { declared, earlier, limit } = found;
      const version = parameters.version ?? earlier[0].version;
      const chosen = earlier.find(d => d.version === version);
      if (!chosen) {
        const offered = earlier
          .map(d => `${d.version} (deployed ${when(d.deployedAt)})`)
          .join(', ');
        throw new InputError(
          version === declared
            ? `${titleOf(entity)} already runs ${declared} in ${
                environment.title
              }: pick a version it ran before: ${offered}`
            : `${version} is not one of the last ${limit} versions ${titleOf(
                entity,
              )} ran in ${
                environment.title
              } before ${declared}, so Rollback cannot go back to it. It can go back to: ${offered}`,
        );
      }
      return {
        version,
        previousVersion: declared,
        deployedAt: chosen.deployedAt,
        deployedBy: commitName(chosen),
        ...(parameters.dryRun ? { dryRun: true } : {}),
      };
    },
  };
}
