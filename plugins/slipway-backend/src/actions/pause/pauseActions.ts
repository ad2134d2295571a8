import { Entity } from '@backstage/catalog-model';
import {
  SlipwayApplicationSpec,
  SlipwayDesiredEnvironment,
} from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  ActionRefusal,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
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
    .describe('Only show the change to the manifest')
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

/** Why neither Pause nor Resume applies to this application in this environment, if so. */
function notPausable(
  { application, environment, entity }: Context,
  action: string,
): { refusal: ActionRefusal } | { desired: SlipwayDesiredEnvironment } {
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
  return { desired };
}

/**
 * Pause: stop a non-production environment of an application when nobody needs it, to save what it costs. The GitOps
 * executor writes `replicas: 0` into the environment's manifest, remembering the replicas it had under `paused`, so
 * Argo CD applies it and self-heal does not undo it. Production is never paused.
 */
export const pauseAction: ActionDefinition<PauseParameters> = {
  id: 'pause',
  title: 'Pause',
  description:
    'Stop this environment to save cost: it runs no replicas until someone resumes it. The change is written to its manifest in the GitOps repository.',
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
  unavailableReason: ctx => {
    if (ctx.environment.production)
      return {
        reason: `Slipway never pauses ${ctx.environment.title}: it is a production environment.`,
        detail: `slipway.environments[${ctx.environment.order}] has production: true`,
      };
    const found = notPausable(ctx, 'pause');
    if ('refusal' in found) return found.refusal;
    if (found.desired.paused)
      return `${ctx.environment.title} is already ${pausedSince(
        found.desired.paused,
      )}; Resume starts it again.`;
    if (found.desired.replicas === 0)
      return {
        reason: `The manifest already runs no replicas in ${ctx.environment.title}: there is nothing to pause.`,
        detail: `spec.environments.${ctx.environment.name}.replicas is 0 in ${ctx.application.manifestPath}`,
      };
    return undefined;
  },
};

/** Resume: start a paused environment again with the replicas it had (or the chart's default, if it declared none). */
export const resumeAction: ActionDefinition<ResumeParameters> = {
  id: 'resume',
  title: 'Resume',
  description:
    'Start this paused environment again with the replicas it had before it was paused. The change is written to its manifest in the GitOps repository.',
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
  unavailableReason: ctx => {
    const found = notPausable(ctx, 'resume');
    if ('refusal' in found) return found.refusal;
    if (!found.desired.paused)
      return `${ctx.environment.title} is not paused: there is nothing to resume.`;
    return undefined;
  },
};
