import { Entity } from '@backstage/catalog-model';
import {
  LiveState,
  SlipwayApplicationSpec,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionRefusal,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { titleOf } from '../../engine/ActionAuthorizer';
import { EnvironmentStatusService } from '../../status/EnvironmentStatusService';

/** Sync's parameters: what the requester asks, and what Argo CD reported when they asked (recorded with the run). */
export type SyncParameters = {
  /** `sync` (default): apply what Git declares; `refresh`: only have Argo CD compare with Git again. */
  mode?: 'sync' | 'refresh';
  reason?: string;
  /** Resolved: Argo CD's sync and health status when the run was asked for, e.g. `OutOfSync, Degraded`. */
  reported?: string;
};

/** The run's time limit unless `actions.sync.timeoutSeconds` says otherwise; the executor's wait stays below it. */
export const SYNC_TIMEOUT_SECONDS = 900;

/**
 * Sync with Argo CD: ask the environment's Argo CD to sync the application (apply what Git declares) and follow the
 * operation to its end, or only to refresh it (compare with Git again). Offered where the environment has Argo CD and
 * Argo CD reports the application out of sync or unhealthy; production waits for approval like every change.
 */
export function createSyncAction(
  status: EnvironmentStatusService,
): ActionDefinition<SyncParameters> {
  const refusal = async (
    entity: Entity,
    application: SlipwayApplicationSpec,
    environment: SlipwayEnvironment,
  ): Promise<ActionRefusal | undefined> => {
    const title = titleOf(entity);
    if (!environment.argocd)
      return {
        reason: `Argo CD is not connected to this portal for ${environment.title}, so Slipway cannot ask it to sync ${title}. The platform team connects Argo CD per environment.`,
        detail: `No Argo CD is configured for this environment (slipway.environments[${environment.order}].argocd); see docs/actions.md#sync.`,
      };
    if (!application.environments[environment.name])
      return {
        reason: `The manifest does not deploy ${title} to ${environment.title}, so there is nothing to sync.`,
      };
    // Not set up here: the registry says so, without asking Argo CD about something nobody can press.
    if (!environment.actions.sync?.executor) return undefined;
    const live = await status.liveStateIn(entity, application, environment);
    return refusalFor(live, title, environment);
  };

  return {
    id: 'sync',
    title: 'Sync with Argo CD',
    description:
      'Ask Argo CD to apply what Git declares for this environment and follow the sync to its end, or only to compare with Git again (refresh).',
    parameters: z.strictObject({
      mode: z
        .enum(['sync', 'refresh'])
        .optional()
        .describe('What Argo CD should do (default: sync)'),
      reason: z
        .string()
        .trim()
        .max(500)
        .optional()
        .describe('Why you sync (kept in the audit log)'),
    }),
    // A refresh only makes Argo CD look again: it may run beside anything and needs no approval.
    mutating: parameters => parameters.mode !== 'refresh',
    timeoutSeconds: SYNC_TIMEOUT_SECONDS,
    resumable: true,
    unavailableReason: async ({ application, environment, entity }) =>
      entity ? refusal(entity, application, environment) : undefined,
    form: () => ({
      defaults: { mode: 'sync' },
      choices: {
        mode: [
          {
            value: 'sync',
            label:
              'Sync: apply what Git declares (resources Git no longer declares are kept, not pruned)',
          },
          {
            value: 'refresh',
            label:
              'Refresh only: have Argo CD compare with Git again, changing nothing',
          },
        ],
      },
    }),
    prepare: async ({ parameters, environment, liveState }) => {
      const live = await liveState(environment.name);
      return {
        ...parameters,
        mode: parameters.mode ?? 'sync',
        ...(live.state === 'known'
          ? { reported: `${live.sync}, ${live.health}` }
          : {}),
      };
    },
  };
}

/** Why there is nothing to sync, or why Argo CD cannot be asked, in a developer's words; undefined when it can. */
function refusalFor(
  live: LiveState,
  title: string,
  environment: SlipwayEnvironment,
): ActionRefusal | undefined {
  if (live.state === 'unknown')
    return {
      reason: `Argo CD cannot be asked about ${title} in ${environment.title} right now, so Slipway cannot sync it. Try again in a moment; if it lasts, tell the platform team.`,
      detail: live.reason,
    };
  if (live.sync === 'Synced' && live.health === 'Healthy')
    return {
      reason:
        'Argo CD reports this environment in sync and healthy; nothing to sync.',
      detail: `Argo CD reports ${title} in ${
        environment.title
      } Synced and Healthy${
        live.revision ? ` at revision ${live.revision.slice(0, 12)}` : ''
      }.`,
    };
  return undefined;
}
