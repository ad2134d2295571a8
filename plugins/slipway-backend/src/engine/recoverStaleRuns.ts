import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { ActionRegistry } from './ActionRegistry';
import { auditRun } from './runAudit';
import { RunStore } from './RunStore';
import type { WorkerTiming } from './WorkerTiming';

/**
 * Finds the runs whose instance stopped sending heartbeats (it died) and settles each: back to pending when its
 * action can resume and it has attempts left, otherwise interrupted. Every instance looks; the conditional UPDATE
 * lets exactly one of them settle a run. An instance never settles a run it is executing itself: its heartbeat may be
 * late only because its own event loop was busy, and it knows it is alive — taking the run back would execute it
 * twice at once.
 */
export async function recoverStaleRuns(deps: {
  store: RunStore;
  registry: ActionRegistry;
  auditor: AuditorService;
  logger: LoggerService;
  config: SlipwayConfig;
  timing: WorkerTiming;
  /** The runs this instance is executing right now. */
  executing: { has(runId: string): boolean };
  onFinished?: (run: Run) => Promise<void>;
}) {
  const { store, registry, auditor, logger, timing } = deps;
  const staleBefore = new Date(Date.now() - timing.staleMs);
  for (const run of await store.staleRuns(staleBefore)) {
    if (deps.executing.has(run.id)) continue;
    const resumable =
      registry.action(run.action)?.resumable &&
      run.attempts < timing.maxAttempts;
    const error = `The backend instance executing this run stopped responding (attempt ${run.attempts})`;
    const won = resumable
      ? await store.requeueStale(
          run.id,
          staleBefore,
          `${error}; resuming from its last checkpoint`,
        )
      : await store.interruptStale(
          run.id,
          staleBefore,
          error,
          `${error}; marked interrupted`,
        );
    if (!won) continue;
    const production =
      deps.config.environments.find(e => e.name === run.environment)
        ?.production ?? false;
    const event = await auditRun(auditor, 'slipway-run-recovery', run, {
      production,
      meta: { outcome: resumable ? 'resumed' : 'interrupted' },
    });
    if (resumable) {
      await event.success();
    } else {
      await event.fail({ error: new Error(error) });
      await deps.onFinished?.((await store.get(run.id))!);
    }
    logger.warn(
      `Slipway run ${run.id} was ${
        resumable ? 'requeued' : 'interrupted'
      }: ${error}`,
    );
  }
}
