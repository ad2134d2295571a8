import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { FINAL_RUN_STATUSES } from '@slipway/backstage-plugin-slipway-common';
import { RunStore } from '../engine/RunStore';
import { CopyDropper } from './CopyDropper';
import { DatabaseCopyStore } from './DatabaseCopyStore';

/** What one sweep did. */
export interface SweepResult {
  expired: number;
  discarded: number;
  retried: number;
  failures: number;
}

/** How long a finished run's executor gets to clean up after itself before the janitor steps in. */
const DEFAULT_GRACE_MS = 5 * 60_000;

/**
 * Ends copies whose time is up, and those nobody will finish: a copy still `creating` whose run is over (the
 * backend died mid-copy and the run was not resumed, or its own clean-up failed), and a drop that failed or stopped
 * half-way. Scheduled through the Backstage scheduler, so one replica at a time sweeps.
 */
export class DatabaseCopyJanitor {
  static readonly taskId = 'slipway-database-copy-expiry';

  constructor(
    private readonly deps: {
      store: DatabaseCopyStore;
      runs: RunStore;
      dropper: CopyDropper;
      logger: LoggerService;
      graceMs?: number;
    },
  ) {}

  async schedule(scheduler: SchedulerService, everySeconds: number) {
    await scheduler.scheduleTask({
      id: DatabaseCopyJanitor.taskId,
      frequency: { seconds: everySeconds },
      timeout: { minutes: 30 },
      initialDelay: { seconds: Math.min(everySeconds, 30) },
      fn: () => this.sweep().then(() => undefined),
    });
  }

  async sweep(now = new Date()): Promise<SweepResult> {
    const { store, runs, dropper, logger } = this.deps;
    const grace = this.deps.graceMs ?? DEFAULT_GRACE_MS;
    const result: SweepResult = {
      expired: 0,
      discarded: 0,
      retried: 0,
      failures: 0,
    };
    const attempt = async (
      fn: () => Promise<boolean>,
      counter: keyof SweepResult,
    ) => {
      try {
        if (await fn()) result[counter]++;
      } catch {
        result.failures++; // recorded on the copy and logged by the dropper; the next sweep tries again
      }
    };

    for (const copy of await store.expired(now)) {
      await attempt(
        () =>
          dropper.drop(copy, {
            from: ['ready'],
            reason: `expired at ${copy.expiresAt.toISOString()}`,
            eventId: 'slipway-db-copy-expire',
            finalStatus: 'dropped',
          }),
        'expired',
      );
    }

    for (const copy of await store.unfinished(
      new Date(now.getTime() - grace),
    )) {
      if (copy.status === 'dropping') {
        await attempt(
          () =>
            dropper.drop(copy, {
              from: ['dropping'],
              reason: copy.dropReason ?? 'a drop that stopped half-way',
              eventId: 'slipway-db-copy-discard',
              finalStatus: copy.readyAt ? 'dropped' : 'failed',
            }),
          'retried',
        );
        continue;
      }
      const run = await runs.get(copy.id);
      const over =
        !run ||
        (FINAL_RUN_STATUSES.includes(run.status) &&
          (!run.finishedAt ||
            new Date(run.finishedAt).getTime() < now.getTime() - grace));
      if (!over) continue;
      await attempt(
        () =>
          dropper.drop(copy, {
            from: ['creating'],
            reason: `left unfinished by run ${copy.id}, which ended ${
              run?.status ?? 'without a record'
            }`,
            eventId: 'slipway-db-copy-discard',
            finalStatus: 'failed',
          }),
        'discarded',
      );
    }

    if (result.expired || result.discarded || result.retried || result.failures)
      logger.info(
        `Database copies: ${result.expired} expired, ${result.discarded} unfinished and ${result.retried} half-dropped dropped; ${result.failures} could not be dropped yet`,
      );
    return result;
  }
}
