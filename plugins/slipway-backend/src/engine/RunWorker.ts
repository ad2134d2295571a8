import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionExecutionContext,
  manifestTemplateContext,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import {
  ApplicationCatalog,
  VerifiedApplication,
} from '../catalog/ApplicationCatalog';
import { ActionRegistry } from './ActionRegistry';
import { recoverStaleRuns, scheduleRecovery } from './recoverStaleRuns';
import { auditRun } from './runAudit';
import { RunStore } from './RunStore';
import { DEFAULT_TIMING, WorkerTiming } from './WorkerTiming';
import { ExecutionOutcome, settleRun } from './settleRun';
import { aborted, Stopped } from './stopped';

/**
 * Executes recorded runs, on every backend instance. A run is executed by whichever instance claims it first (a
 * conditional UPDATE in the database), sends heartbeats while it works, and is finished in a final state whatever
 * happens: success, failure, cancel, time limit. A run whose instance died (no heartbeat) is found by any instance
 * and resumed from its checkpoints, or marked interrupted when its action cannot resume.
 */
export class RunWorker {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString(
    'hex',
  )}`;
  private readonly timing: WorkerTiming;
  private readonly executing = new Map<string, AbortController>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private pollAgain = false;
  private readonly prefetched = new Map<
    string,
    { application: VerifiedApplication; at: number }
  >();
  /** Until start() and after stop(): no runs are taken, no stale ones recovered. */
  private stopped = true;
  /** Slots promised to runs being recorded on this instance (reserveSlot), not executing yet. */
  private reserved = 0;
  /** Notifications about finished runs still being sent. */
  private readonly telling = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      store: RunStore;
      registry: ActionRegistry;
      applications: ApplicationCatalog;
      auditor: AuditorService;
      config: SlipwayConfig;
      logger: LoggerService;
      /** Told about every run that reached a final state (notifications). */
      onFinished?: (run: Run) => Promise<void>;
      timing?: Partial<WorkerTiming>;
    },
  ) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
  }

  /** Starts taking runs: now, and every `pollMs` (runs recorded on other instances, slots freed elsewhere). */
  start() {
    this.stopped = false;
    this.timer = setInterval(() => this.poll(), this.timing.pollMs);
    this.poll();
  }

  /** Schedules stale-run recovery on Backstage's scheduler: scheduleRecovery says how often, and why `local`. */
  schedule(scheduler: SchedulerService) {
    return scheduleRecovery(scheduler, this.timing, signal =>
      this.recover(signal),
    );
  }

  /** One pass of stale-run recovery; requeued runs are taken at once. Nothing while the worker is not running. */
  async recover(signal?: AbortSignal) {
    if (this.stopped) return;
    try {
      const { requeued } = await recoverStaleRuns({
        ...this.deps,
        timing: this.timing,
        executing: this.executing,
        worker: this.id,
        signal,
      });
      if (requeued) this.poll();
    } catch (error) {
      this.deps.logger.error(`Slipway run recovery: ${error}`);
    }
  }

  /** Stops taking runs; runs in progress are handed back (resumable) or ended as interrupted. */
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.polling;
    for (const controller of this.executing.values())
      controller.abort(
        new Stopped('shutdown', 'The backend instance shut down'),
      );
    while (this.executing.size) await new Promise(r => setTimeout(r, 20));
    await Promise.all(this.telling);
  }

  /**
   * Hands over the application a run was requested for, so that this instance, if it executes the run, does not ask
   * the catalog again. Kept for a minute at most (another instance may take the run).
   */
  prefetch(runId: string, application: VerifiedApplication) {
    const now = Date.now();
    for (const [id, entry] of this.prefetched)
      if (entry.at < now - 60_000) this.prefetched.delete(id);
    this.prefetched.set(runId, { application, at: now });
  }

  /** The application of a run, checked against the GitOps repository again (it may have changed since). */
  private async applicationOf(run: Run): Promise<VerifiedApplication> {
    const prefetched = this.prefetched.get(run.id);
    this.prefetched.delete(run.id);
    if (prefetched && run.attempts === 1) return prefetched.application;
    const ref = parseEntityRef(run.entityRef);
    const entity = await this.deps.applications
      .getApplicationForAction({ namespace: ref.namespace, name: ref.name })
      .catch(() => {
        throw new Error(
          `${run.entityRef} is no longer an application in the catalog`,
        );
      });
    return this.deps.applications.verify(entity);
  }

  /**
   * A free slot for a run about to be recorded on this instance: the run is recorded claimed by this worker and
   * handed over with `execute` (no claim statement, no wait behind the pending queue), or the slot is released.
   */
  reserveSlot() {
    if (
      this.stopped ||
      this.executing.size + this.reserved >= this.timing.maxConcurrent
    )
      return undefined;
    this.reserved++;
    let held = true;
    const free = () => {
      if (held) this.reserved--;
      held = false;
    };
    return {
      worker: this.id,
      execute: (run: Run, application: VerifiedApplication) => {
        free();
        if (this.stopped) {
          // Recorded as this instance's while it shut down: back to the queue for whoever runs next.
          this.deps.store
            .release(run.id, this.id)
            .catch(error =>
              this.deps.logger.error(`Slipway run ${run.id}: ${error}`),
            );
          return;
        }
        this.prefetch(run.id, application);
        this.execute(run).catch(error =>
          this.deps.logger.error(`Slipway run ${run.id}: ${error}`),
        );
      },
      release: free,
    };
  }

  /**
   * Looks for work now (a run was just recorded on this instance). Calls while a look is under way are not lost:
   * they make it look once more when it is done, so a burst of requests never waits for the next interval.
   */
  poll() {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = (async () => {
      do {
        this.pollAgain = false;
        await this.claimPending();
      } while (this.pollAgain && !this.stopped);
    })()
      .catch(error => this.deps.logger.error(`Slipway run worker: ${error}`))
      .finally(() => {
        this.polling = undefined;
      });
  }

  /** Takes pending runs in batches, up to `maxConcurrent` executing on this instance at a time. */
  private async claimPending() {
    for (;;) {
      const room =
        this.timing.maxConcurrent - this.executing.size - this.reserved;
      if (room <= 0 || this.stopped) return;
      const runs = await this.deps.store.claimPending(
        this.id,
        Math.min(room, 50),
      );
      for (const run of runs) {
        this.execute(run).catch(error =>
          this.deps.logger.error(`Slipway run ${run.id}: ${error}`),
        );
      }
      if (runs.length < Math.min(room, 50)) return;
    }
  }

  private async execute(run: Run) {
    const controller = new AbortController();
    this.executing.set(run.id, controller);
    try {
      await this.executeRun(run, controller);
    } finally {
      this.executing.delete(run.id);
      // A slot is free: take the next pending run now rather than at the next interval.
      this.poll();
    }
  }

  private async executeRun(run: Run, controller: AbortController) {
    const { store, registry, auditor } = this.deps;
    const action = registry.action(run.action);
    const environment = this.deps.config.environments.find(
      e => e.name === run.environment,
    );
    // Lines are written one after the other, so that the log keeps their order.
    let written: Promise<void> = Promise.resolve();
    const log = (level: 'info' | 'warn' | 'error') => (message: string) => {
      written = written
        .then(() => store.appendLog(run.id, level, message))
        .catch(error =>
          this.deps.logger.warn(`Could not log for run ${run.id}: ${error}`),
        );
    };
    // The application as the request saw it (same instance), or fresh from the catalog — while the audit event is written.
    const applicationLookup = this.applicationOf(run);
    applicationLookup.catch(() => undefined);
    const event = await auditRun(auditor, 'slipway-run-execution', run, {
      production: environment?.production ?? false,
      meta: { attempt: run.attempts },
    });
    const heartbeat = setInterval(async () => {
      try {
        const beat = await store.heartbeat(run.id, this.id);
        if (!beat.owned)
          controller.abort(
            new Stopped('lost', 'Another instance took the run over'),
          );
        else if (beat.cancelRequested)
          controller.abort(
            new Stopped(
              'cancelled',
              // Slipway can only stop its own side; say so, so nobody believes a started rollout was undone.
              'Cancelled on request: Slipway stopped the run; what it had already set off elsewhere, such as a rollout or a workflow run, is not undone',
            ),
          );
      } catch (error) {
        this.deps.logger.warn(`Heartbeat of run ${run.id} failed: ${error}`);
      }
    }, this.timing.heartbeatMs);

    let outcome: ExecutionOutcome;
    try {
      if (!action || !environment)
        throw new Error(
          `The action "${run.action}" or environment "${run.environment}" is no longer configured`,
        );
      const choice = registry.executorFor(action, environment);
      if ('reason' in choice) throw new Error(choice.reason);
      const timeoutSeconds =
        environment.actions[action.id]?.config.getOptionalNumber(
          'timeoutSeconds',
        ) ?? action.timeoutSeconds;
      const timeout = setTimeout(
        () =>
          controller.abort(
            new Stopped(
              'failed',
              `Stopped after the time limit of ${timeoutSeconds} s`,
            ),
          ),
        timeoutSeconds * 1000,
      );
      try {
        const { entity, application } = await applicationLookup;
        log('info')(
          `${action.title} of ${run.entityRef} in ${environment.title} started (attempt ${run.attempts}, executor ${choice.executor.id})`,
        );
        const context: ActionExecutionContext<any> = {
          run: {
            id: run.id,
            action: run.action,
            entityRef: run.entityRef,
            environment: run.environment,
            parameters: run.parameters,
            requester: run.requester,
            attempt: run.attempts,
          },
          entity,
          application: application.spec,
          environment,
          templateContext: manifestTemplateContext(
            application.manifest,
            environment,
          ),
          config: environment.actions[action.id]?.config,
          log: { info: log('info'), warn: log('warn'), error: log('error') },
          checkpoint: (key, fn) => this.checkpoint(run.id, key, fn),
          signal: controller.signal,
        };
        const result = await Promise.race([
          choice.executor.execute(context),
          aborted(controller.signal),
        ]);
        outcome = {
          status: 'succeeded',
          result: {
            summary: result.summary,
            ...(result.links ? { links: result.links } : {}),
            ...(result.output ? { output: result.output } : {}),
          },
        };
        log('info')(result.summary);
      } finally {
        clearTimeout(timeout);
      }
    } catch (error) {
      const stopped =
        controller.signal.reason instanceof Stopped
          ? controller.signal.reason
          : undefined;
      const message =
        stopped?.message ?? (error as Error)?.message ?? String(error);
      if (stopped?.status === 'lost') {
        clearInterval(heartbeat);
        await written;
        await event.fail({ error: new Error(message) });
        return;
      }
      if (stopped?.status === 'shutdown') {
        outcome = { status: 'interrupted', error: message };
      } else {
        outcome = {
          status: stopped?.status === 'cancelled' ? 'cancelled' : 'failed',
          error: message,
        };
      }
      log(outcome.status === 'cancelled' ? 'warn' : 'error')(message);
    } finally {
      clearInterval(heartbeat);
    }

    // Every line is in the log before the run is seen to end: whoever follows the log stops reading at the end.
    await written;
    await settleRun(
      {
        store,
        timing: this.timing,
        worker: this.id,
        onFinished: this.deps.onFinished,
        logger: this.deps.logger,
        telling: this.telling,
      },
      { run, resumable: Boolean(action?.resumable), event, outcome },
    );
  }

  private async checkpoint<T extends JsonValue | void>(
    runId: string,
    key: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    const stored = await this.deps.store.getCheckpoint(runId, key);
    if (stored) return stored.value as T;
    const value = await fn();
    await this.deps.store.setCheckpoint(
      runId,
      key,
      value as JsonValue | undefined,
    );
    return value;
  }
}
