import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
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
 * twice at once. Stops between runs when `signal` is aborted (a time limit, shutdown); the next pass takes the rest.
 * Scheduled by RunWorker.schedule.
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
  /** This instance, as the worker of the runs it takes over to settle. */
  worker: string;
  onFinished?: (run: Run) => Promise<void>;
  signal?: AbortSignal;
}): Promise<{ requeued: number; interrupted: number }> {
  const { store, registry, auditor, logger, timing } = deps;
  const staleBefore = new Date(Date.now() - timing.staleMs);
  const settled = { requeued: 0, interrupted: 0 };
  for (const run of await store.staleRuns(staleBefore)) {
    if (deps.signal?.aborted) break;
    if (deps.executing.has(run.id)) continue;
    const resumable =
      registry.action(run.action)?.resumable &&
      run.attempts < timing.maxAttempts;
    const error = `The backend instance executing this run stopped responding (attempt ${run.attempts})`;
    // Taken over first, then audited, then settled: a rescuer killed at any point leaves the run stale again for the
    // next one, so no run is settled without its audit event (at worst one is written twice).
    if (!(await store.takeOverStale(run.id, staleBefore, deps.worker)))
      continue;
    const production =
      deps.config.environments.find(e => e.name === run.environment)
        ?.production ?? false;
    const event = await auditRun(auditor, 'slipway-run-recovery', run, {
      production,
      meta: { outcome: resumable ? 'resumed' : 'interrupted' },
    });
    const settledHere = resumable
      ? await store.requeueStale(
          run.id,
          deps.worker,
          `${error}; resuming from its last checkpoint`,
        )
      : await store.interruptStale(
          run.id,
          deps.worker,
          error,
          `${error}; marked interrupted`,
        );
    if (!settledHere) {
      // Only a rescuer that stalled for longer than staleMs loses a run it took over.
      await event.fail({
        error: new Error('Another instance settled the run meanwhile'),
      });
      continue;
    }
    settled[resumable ? 'requeued' : 'interrupted']++;
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
  return settled;
}

/**
 * Schedules recovery passes (`pass`: recoverStaleRuns for one instance) on Backstage's scheduler, like the plugin's
 * other periodic work, as task `slipway-run-recovery`.
 *
 * Every max(pollMs, staleMs / 3): a dead instance's run is settled between staleMs and 4/3 staleMs after its last
 * heartbeat (30 to 40 s by default). The staleness threshold dominates that delay, so looking every pollMs (2 s), as
 * the worker once did, only cost five times the queries; and never more often than the worker looks for pending runs.
 *
 * Scope `local`: every instance looks, on its own timer. The conditional UPDATEs already let exactly one instance
 * settle each run, so the scheduler's cluster-wide claim (`global`) would add nothing but its own statements on its
 * task table at every pass, and make recovery wait for whichever instance holds the claim. Whoever looks never
 * settles a run it is executing itself (`executing` above).
 */
export async function scheduleRecovery(
  scheduler: SchedulerService,
  timing: WorkerTiming,
  pass: (signal: AbortSignal) => Promise<void>,
) {
  const everyMs = Math.max(timing.pollMs, timing.staleMs / 3);
  await scheduler.scheduleTask({
    id: 'slipway-run-recovery',
    scope: 'local',
    frequency: { milliseconds: everyMs },
    // A pass settles a few runs in milliseconds. One still going after this stops between runs (the signal is
    // aborted) and the next pass takes the rest.
    timeout: { milliseconds: Math.max(everyMs, 60_000) },
    fn: pass,
  });
}
