import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { DNS_LABEL } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionPrepareContext,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';

/** Promote's parameters: what the requester asks, and what the checks resolved (recorded with the run). */
export type PromoteParameters = {
  from?: string;
  dryRun?: boolean;
  force?: boolean;
  /** Resolved: the version promoted. */
  version?: string;
  /** Resolved: the version the environment declared before. */
  previousVersion?: string;
  /** Resolved: how the source's version was checked (Argo CD, not configured, forced). */
  sourceCheck?: string;
};

/**
 * Promote: write the version of the previous environment into this one, in the GitOps repository (a commit or a pull
 * request, which Argo CD then syncs). The run's environment is the one that changes. Only along the configured
 * order; not a version the source does not run; not from a source Argo CD reports unhealthy unless someone allowed
 * to (`slipway.action.force`) forces it. A dry run returns the diff and changes nothing.
 */
export const promoteAction: ActionDefinition<PromoteParameters> = {
  id: 'promote',
  title: 'Promote',
  description:
    "Deploy here the version the previous environment's manifest declares, by changing this environment's manifest in the GitOps repository.",
  parameters: z.strictObject({
    from: z
      .string()
      .regex(DNS_LABEL, 'must be an environment name')
      .optional()
      .describe(
        'Environment to take the version from (default: the previous one)',
      )
      .meta({ advanced: true }),
    dryRun: z
      .boolean()
      .optional()
      .describe('Only show the change to the manifest')
      .meta({ advanced: true }),
    force: z
      .boolean()
      .optional()
      .describe(
        'Promote even though Argo CD reports the source unhealthy or cannot be asked',
      )
      .meta({ requiresForce: true }),
  }),
  mutating: parameters => !parameters.dryRun,
  timeoutSeconds: 300,
  resumable: true,
  defaultExecutor: 'gitops',
  unavailableReason: ({ application, environment, environments }) => {
    if (environment.order === 0)
      return `${environment.title} is the first environment: nothing is promoted into it`;
    const source = environments[environment.order - 1];
    if (!application.environments[source.name])
      return `The manifest does not deploy this application to ${source.title}, so there is nothing to promote`;
    const version = application.environments[source.name].version;
    if (application.environments[environment.name]?.version === version)
      return `${environment.title} already declares ${version}, the version of ${source.title}`;
    return undefined;
  },
  prepare: async ctx => {
    const { environment, environments, application, parameters } = ctx;
    const source = environments[environment.order - 1];
    if (parameters.from && parameters.from !== source.name) {
      throw new InputError(
        `Promote moves a version one environment at a time: ${environment.title} takes its version from ${source.title} (${source.name}), not from ${parameters.from}`,
      );
    }
    const version = application.environments[source.name].version;
    const previousVersion = application.environments[environment.name]?.version;
    if (previousVersion === version) {
      throw new ConflictError(
        `${environment.title} already declares ${version}, the version of ${source.title}: nothing to promote`,
      );
    }
    const sourceCheck = await checkSource(
      ctx,
      source.name,
      source.title,
      version,
    );
    return {
      from: source.name,
      version,
      ...(previousVersion ? { previousVersion } : {}),
      sourceCheck,
      ...(parameters.dryRun ? { dryRun: true } : {}),
      ...(parameters.force ? { force: true } : {}),
    };
  },
};

/** Checks with Argo CD that the source runs the version its manifest declares, and is healthy. */
async function checkSource(
  ctx: ActionPrepareContext<PromoteParameters>,
  source: string,
  title: string,
  version: string,
): Promise<string> {
  const live = await ctx.liveState(source);
  const force = async (problem: string) => {
    if (!ctx.parameters.force)
      throw new ConflictError(
        `${problem}. Someone allowed to force a promote (platform admins) can do it anyway.`,
      );
    if (!(await ctx.mayForce()))
      throw new NotAllowedError(
        `${problem}, and you are not allowed to force a promote (permission slipway.action.force)`,
      );
    return `forced: ${problem}`;
  };
  if (live.state === 'unknown') {
    if (live.connected === false)
      return `not checked: no Argo CD is configured for ${title}`;
    return force(`Cannot check what ${title} runs: ${live.reason}`);
  }
  if (live.state !== 'known') return force(`${title} is not deployed`);
  if (live.version && live.version !== version) {
    throw new ConflictError(
      `${title} runs ${live.version}, not the ${version} its manifest declares; promote once Argo CD has synced it`,
    );
  }
  if (live.health !== 'Healthy')
    return force(`Argo CD reports ${title} ${live.health}`);
  return `checked: Argo CD reports ${title} Healthy on ${version}`;
}
