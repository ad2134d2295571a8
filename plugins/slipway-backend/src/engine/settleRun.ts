import {
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Run, RunResult } from '@slipway/backstage-plugin-slipway-common';
import { RunStore } from './RunStore';
import { WorkerTiming } from './WorkerTiming';

/** How an execution ended, as the worker saw it. */
export interface ExecutionOutcome {
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  result?: RunResult;
  error?: string;
}

/**
 * Ends an execution: hands an interrupted resumable run back to the queue, or audits the outcome and records the
 * run's end, then tells the requester without holding the worker's slot.
 */
export async function settleRun(
  deps: {
    store: RunStore;
    timing: WorkerTiming;
    /** The worker that executed the run. */
    worker: string;
    onFinished?: (run: Run) => Promise<void>;
    logger: LoggerService;
    /** Notifications still being sent; the worker's stop() waits for them. */
    telling: Set<Promise<void>>;
  },
  execution: {
    run: Run;
    resumable: boolean;
    /** The execution's audit event. */
    event: AuditorServiceEvent;
    outcome: ExecutionOutcome;
  },
) {
  const { store, worker } = deps;
  const { run, event, outcome } = execution;
  if (
    outcome.status === 'interrupted' &&
    execution.resumable &&
    run.attempts < deps.timing.maxAttempts
  ) {
    // Handed back on shutdown: another instance (or this one after the restart) resumes it from its checkpoints.
    await store.release(run.id, worker);
    await event.fail({
      error: new Error(`${outcome.error}; the run will resume`),
    });
    return;
  }
  // The outcome is audited before it is recorded: an instance killed in between leaves the run running without a
  // heartbeat, and recovery settles it with an event of its own — never a finished run without its audit event.
  // When the audit log cannot be written, the run still ends as it did; the failure is reported after.
  const auditError = await (outcome.status === 'succeeded'
    ? event.success({ meta: { summary: outcome.result!.summary } })
    : event.fail({ error: new Error(outcome.error) })
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  const finished = await store.finish(run.id, worker, outcome);
  if (auditError) throw auditError;
  if (finished && deps.onFinished) {
    // Telling people (a notification: a request to another plugin) must not hold the run's slot: the next pending
    // run starts meanwhile.
    const told = Promise.resolve()
      .then(() => deps.onFinished!(finished))
      .catch(error =>
        deps.logger.warn(
          `Could not tell about the end of run ${run.id}: ${error}`,
        ),
      )
      .finally(() => deps.telling.delete(told));
    deps.telling.add(told);
  }
}
