import { Entity } from '@backstage/catalog-model';
import {
  PausedState,
  SlipwayApplicationSpec,
  SlipwayDesiredEnvironment,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionRefusal,
  applicationTemplateContext,
  TemplateContext,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { entityTemplateContext } from '../../catalog/templateContext';
import { titleOf } from '../../engine/ActionAuthorizer';
import { relativeTime } from '../../relativeTime';

/** Pause's parameters. */
export type PauseParameters = {
  reason?: string;
  dryRun?: boolean;
  /** When the pause ends: the schedule resumes it then (the schedule sets it; a person may, through the API). */
  until?: string;
};

/** Resume's parameters. */
export type ResumeParameters = {
  reason?: string;
  dryRun?: boolean;
  /** Where a schedule pauses the environment: keep it running this many hours before the schedule pauses it again. */
  keepAwakeHours?: number;
};

type Context = {
  application: SlipwayApplicationSpec;
  environment: SlipwayEnvironment;
  entity?: Entity;
};

const common = {
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('Why (kept in the audit log)'),
  dryRun: z
    .boolean()
    .optional()
    .describe('Only show what would change')
    .meta({ advanced: true }),
};

/** The longest a person keeps a scheduled environment awake: three days, a long weekend. */
export const MAX_KEEP_AWAKE_HOURS = 72;

/** Whether the environment's Pause has a schedule (then Resume offers to keep it awake for some hours). */
const scheduled = (environment: SlipwayEnvironment) =>
  Boolean(environment.actions.pause?.config?.has('schedule'));

/** "Paused 3 hours ago": how the buttons' reasons speak of a pause. */
export const pausedSince = (paused: { since: string }, now = Date.now()) =>
  `paused ${relativeTime(paused.since, now)}`;

/** One application in one environment, as far as its pause goes. */
export interface PauseTarget {
  application: SlipwayApplicationSpec;
  environment: SlipwayEnvironment;
  /** Its template values (asked for only where the workload's name is rendered). */
  templateContext: () => TemplateContext;
}

/** Where the environment's Pause records whether an application is paused (see PausedStates). */
export interface PausedStateSource {
  of(target: PauseTarget): Promise<PausedState | undefined>;
}

/** Where the GitOps executor records a pause: the environment's entry in the manifest (`paused`). */
export const manifestPausedStates: PausedStateSource = {
  of: async ({ application, environment }) =>
    application.environments[environment.name]?.paused,
};

/**
 * Why neither Pause nor Resume applies to this application in this environment, if so; otherwise what the manifest
 * declares there and whether it is paused.
 */
async function pauseState(
  { application, environment, entity }: Context,
  action: string,
  states: PausedStateSource,
): Promise<
  | { refusal: ActionRefusal }
  | { desired: SlipwayDesiredEnvironment; paused?: PausedState }
> {
  const title = entity ? titleOf(entity) : 'the application';
  const desired = application.environments[environment.name];
  if (!desired)
    return {
      refusal: {
        reason: `The manifest does not deploy ${title} to ${environment.title}, so there is nothing to ${action}.`,
      },
    };
  if (application.type === 'etl')
    return {
      refusal: {
        reason: `Pause and Resume are for services that run all the time; ${title} is a scheduled job, which runs only when its schedule says.`,
      },
    };
  try {
    const paused = await states.of({
      application,
      environment,
      templateContext: () =>
        entity
          ? entityTemplateContext(entity, application.type, environment)
          : applicationTemplateContext(
              {
                name: 'application',
                system: '',
                owner: '',
                type: application.type,
                labels: {},
              },
              environment,
            ),
    });
    return { desired, paused };
  } catch (error) {
    return {
      refusal: {
        reason: `Slipway could not find out whether ${title} is paused in ${environment.title}, so it offers neither Pause nor Resume for now. If this lasts, tell the platform team.`,
        detail: (error as Error).message,
      },
    };
  }
}

/**
 * Pause: stop a non-production environment of an application when nobody needs it, to save what it costs. The GitOps
 * executor writes `replicas: 0` into the environment's manifest, remembering the replicas it had under `paused`, so
 * Argo CD applies it and self-heal does not undo it; the Kubernetes executor scales the workload itself. Production
 * is never paused. `states`: where each environment records whether an application is paused.
 */
export const createPauseAction = (
  states: PausedStateSource,
): ActionDefinition<PauseParameters> => ({
  id: 'pause',
  title: 'Pause',
  description:
    'Stop this environment to save cost: it runs no replicas until someone resumes it.',
  parameters: z.strictObject({
    ...common,
    until: z.iso
      .datetime({
        offset: true,
        message: 'must be a date and time such as "2026-12-07T07:00:00Z"',
      })
      .refine(value => Date.parse(value) > Date.now(), 'must be in the future')
      .optional()
      .describe('Resume it then')
      .meta({ advanced: true }),
  }),
  mutating: p => !p.dryRun,
  timeoutSeconds: 300,
  resumable: true,
  unavailableReason: async ctx => {
    if (ctx.environment.production)
      return {
        reason: `Slipway never pauses ${ctx.environment.title}: it is a production environment.`,
        detail: `slipway.environments[${ctx.environment.order}] has production: true`,
      };
    const found = await pauseState(ctx, 'pause', states);
    if ('refusal' in found) return found.refusal;
    if (found.paused)
      return `${ctx.environment.title} is already ${pausedSince(
        found.paused,
      )}; Resume starts it again.`;
    if (found.desired.replicas === 0)
      return {
        reason: `The manifest already runs no replicas in ${ctx.environment.title}: there is nothing to pause.`,
        detail: `spec.environments.${ctx.environment.name}.replicas is 0 in ${ctx.application.manifestPath}`,
      };
    return undefined;
  },
});

/** Resume: start a paused environment again with the replicas it had (or the chart's default, if it declared none). */
export const createResumeAction = (
  states: PausedStateSource,
): ActionDefinition<ResumeParameters> => ({
  id: 'resume',
  title: 'Resume',
  description:
    'Start this paused environment again with the replicas it had before it was paused.',
  parameters: z.strictObject({
    ...common,
    keepAwakeHours: z
      .number()
      .int('must be a whole number of hours')
      .min(1)
      .max(MAX_KEEP_AWAKE_HOURS)
      .optional()
      .describe(
        "Keep it running at least this many hours, through the schedule's pause times (default: until the next one)",
      ),
  }),
  // Only a schedule pauses it again; without one, it runs until someone pauses it.
  form: ({ environment }) =>
    scheduled(environment) ? {} : { omit: ['keepAwakeHours'] },
  mutating: p => !p.dryRun,
  timeoutSeconds: 300,
  resumable: true,
  unavailableReason: async ctx => {
    const found = await pauseState(ctx, 'resume', states);
    if ('refusal' in found) return found.refusal;
    if (!found.paused)
      return `${ctx.environment.title} is not paused: there is nothing to resume.`;
    return undefined;
  },
});
