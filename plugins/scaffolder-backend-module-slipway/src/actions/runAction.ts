import { ActionsService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  FINAL_RUN_STATUSES,
  RunStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { examples } from './runAction.examples';

/** What `slipway:action:run` needs from the backend. @public */
export interface RunActionOptions {
  /** Backstage's actions service: the action calls Slipway's registry actions (slipway:run-action, slipway:get-run). */
  actions: ActionsService;
  /** How often a waiting step asks for its run; default 2 seconds. */
  pollIntervalMs?: number;
}

interface RunOutput extends JsonObject {
  runId: string;
  status: string;
  summary: string;
  created: boolean;
}

/**
 * `slipway:action:run`: a template step that runs a Slipway self-service action (restart, promote, db-copy, …).
 *
 * It goes through Slipway's own engine by way of Backstage's actions registry, as the user who runs the template:
 * the same permission checks, approvals, locks and audit as a button in the portal. The idempotency key is the task's
 * and the step's id, so a task that is resumed or retried does not run the action twice.
 *
 * @public
 */
export function createRunAction(options: RunActionOptions) {
  const { actions } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;

  return createTemplateAction({
    id: 'slipway:action:run',
    description:
      "Runs a Slipway self-service action (restart, promote, db-copy, …) on an application as the user who runs the template, through Slipway's engine: same permissions, approvals, locks and audit as the portal's buttons. Waits for the run to finish unless told not to.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The application, e.g. component:default/checkout'),
        action: z =>
          z.string().describe('The action, e.g. restart, promote or db-copy'),
        environment: z =>
          z.string().describe('The environment, e.g. dev or prod'),
        parameters: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe("The action's parameters (docs/actions.md)"),
        wait: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Wait until the run has finished (including any wait for approval); false: only request it',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(24 * 60)
            .default(60)
            .describe(
              'How long to wait at most; the run itself goes on after the step gives up',
            ),
      },
      output: {
        runId: z => z.string().describe('The run, as the portal shows it'),
        status: z =>
          z
            .string()
            .describe(
              'succeeded when waited for; otherwise pending, awaiting-approval or running',
            ),
        summary: z =>
          z.string().describe('One sentence on where the run stands'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const invoke = async <T>(id: string, input: JsonObject) => {
        try {
          return (await actions.invoke({ id, input, credentials })).output as T;
        } catch (error) {
          // The actions service says "Request failed with 400"; Slipway's own answer is the cause.
          throw (error as ResponseError).cause ?? error;
        }
      };
      const { entityRef, action, environment } = ctx.input;
      const what = `${action} of ${entityRef} in ${environment}`;

      if (ctx.isDryRun) {
        // Nothing runs in a dry run; say whether it could.
        const { actions: available } = await invoke<{
          actions: Array<{
            action: string;
            environment: string;
            allowed: boolean;
            reason?: string;
          }>;
        }>('slipway:list-actions', { entityRef });
        const found = available.find(
          a => a.action === action && a.environment === environment,
        );
        if (!found) {
          const offered = [...new Set(available.map(a => a.action))];
          const environments = [...new Set(available.map(a => a.environment))];
          throw new InputError(
            offered.includes(action)
              ? `${entityRef} has no environment "${environment}" for ${action}; it has: ${environments.join(
                  ', ',
                )}`
              : `${entityRef} has no action "${action}"; it has: ${
                  offered.join(', ') || 'none'
                }`,
          );
        }
        if (!found.allowed)
          throw new NotAllowedError(`Cannot run ${what}: ${found.reason}`);
        ctx.logger.info(`Would run ${what}`);
        return;
      }

      const requested = await invoke<RunOutput>('slipway:run-action', {
        entityRef,
        action,
        environment,
        ...(ctx.input.parameters
          ? { parameters: ctx.input.parameters as JsonObject }
          : {}),
        idempotencyKey: `scaffolder:${ctx.task.id}:${
          ctx.step?.id ?? `${action}:${environment}:${entityRef}`
        }${ctx.each ? `:${JSON.stringify(ctx.each)}` : ''}`,
      });
      ctx.logger.info(
        `${requested.created ? 'Requested' : 'Already requested'} run ${
          requested.runId
        }: ${requested.summary}`,
      );
      const finalRun =
        ctx.input.wait === false
          ? requested
          : await waitFor(requested, ctx.input.timeoutMinutes ?? 60);
      ctx.output('runId', finalRun.runId);
      ctx.output('status', finalRun.status);
      ctx.output('summary', finalRun.summary);
      if (
        FINAL_RUN_STATUSES.includes(finalRun.status as RunStatus) &&
        finalRun.status !== 'succeeded'
      )
        throw new Error(
          `Run ${finalRun.runId}: ${finalRun.summary} See the run in the portal.`,
        );

      /** Follows the run, copying its log into the task's, until it is final or the time is up. */
      async function waitFor(run: RunOutput, minutes: number) {
        const deadline = Date.now() + minutes * 60_000;
        let lastLine = 0;
        let lastStatus = run.status;
        for (;;) {
          const now = await invoke<{
            status: string;
            summary: string;
            log: Array<{ id: number; message: string }>;
          }>('slipway:get-run', { runId: run.runId });
          // get-run returns the log's tail; copy only the lines not copied yet.
          const copiedUpTo = lastLine;
          for (const line of now.log.filter(l => l.id > copiedUpTo)) {
            ctx.logger.info(`[run] ${line.message}`);
            lastLine = line.id;
          }
          if (now.status !== lastStatus) {
            ctx.logger.info(now.summary);
            lastStatus = now.status;
          }
          if (FINAL_RUN_STATUSES.includes(now.status as RunStatus))
            return { ...run, status: now.status, summary: now.summary };
          if (ctx.signal?.aborted)
            throw new Error(
              `The task was cancelled; run ${run.runId} goes on (cancel it in the portal)`,
            );
          if (Date.now() > deadline)
            throw new Error(
              `Run ${run.runId} did not finish within ${minutes} minutes (${now.summary}); it goes on, follow it in the portal`,
            );
          await sleep(pollIntervalMs);
        }
      }
    },
  });
}
