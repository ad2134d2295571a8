import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  PausedState,
  Run,
  RunRequest,
} from '@slipway/backstage-plugin-slipway-common';
import { IndexedApplication } from '@slipway/backstage-plugin-slipway-node';
import { MAX_KEEP_AWAKE_HOURS } from './pauseActions';
import { PauseSchedule } from './PauseSchedule';

const HOUR = 3600_000;

/** What the scheduler needs of the rest of the backend: narrow, so that tests give it plain objects and a clock. */
export interface PauseSchedulerDeps {
  schedules: PauseSchedule[];
  applications(): Promise<IndexedApplication[]>;
  recentRuns(query: {
    environment: string;
    actions: string[];
    since: Date;
  }): Promise<Run[]>;
  requestScheduledRun(input: RunRequest, schedule: string): Promise<unknown>;
  /**
   * Whether an application is paused in an environment, where that environment's Pause records it (the workload's
   * annotations, for the Kubernetes executor). Without it: the manifest's `paused`.
   */
  pausedIn?(
    app: IndexedApplication,
    environment: string,
  ): Promise<PausedState | undefined>;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * Pauses the applications of a scheduled environment when its awake hours end, and resumes them when they begin,
 * through the same engine as a person's button (as the requester `schedule:slipway/pause`, audited like any run).
 *
 * - It pauses an application at most once per stretch of sleep, and not at all if anyone paused or resumed it since
 *   that stretch began: a developer who resumes at 22:00 to work late keeps it running until the next night.
 *   Resume's `keepAwakeHours` keeps it running through later nights too.
 * - It resumes only what it paused: its pauses carry `until` (the next wake), a person's do not.
 * - Each request carries an idempotency key made of the application, the environment and the stretch, so two
 *   replicas ticking at once (or a tick repeated) make one run.
 */
export class PauseScheduler {
  constructor(private readonly deps: PauseSchedulerDeps) {}

  async schedule(scheduler: SchedulerService) {
    if (!this.deps.schedules.length) return;
    await scheduler.scheduleTask({
      id: 'slipway-pause-schedule',
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      fn: () => this.tick(),
    });
  }

  /** Looks at every scheduled environment once, at `now`. */
  async tick(): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    const applications = (await this.deps.applications()).filter(
      app => app.spec.type !== 'etl',
    );
    for (const schedule of this.deps.schedules)
      await this.environment(schedule, applications, now);
  }

  private async environment(
    schedule: PauseSchedule,
    applications: IndexedApplication[],
    now: Date,
  ) {
    const env = schedule.environment;
    const deployed = applications.filter(app => app.spec.environments[env]);
    if (schedule.isAwake(now)) {
      for (const app of deployed) {
        const until = (await this.pausedIn(app, env))?.paused?.until;
        if (until && Date.parse(until) <= now.getTime())
          await this.request(app, env, 'resume', until, {
            reason: 'The pause schedule: awake hours begin',
          });
      }
      return;
    }
    const asleepSince = schedule.asleepSince(now);
    const recent = await this.deps.recentRuns({
      environment: env,
      actions: ['pause', 'resume'],
      since: new Date(
        Math.min(
          asleepSince.getTime(),
          now.getTime() - MAX_KEEP_AWAKE_HOURS * HOUR,
        ),
      ),
    });
    for (const app of deployed) {
      const { paused, failed } = await this.pausedIn(app, env);
      if (paused || failed || app.spec.environments[env].replicas === 0)
        continue;
      const runs = recent.filter(r => r.entityRef === app.entityRef);
      const actedThisNight = runs.some(
        r => Date.parse(r.createdAt) >= asleepSince.getTime(),
      );
      const keptAwake = runs.some(
        r =>
          r.action === 'resume' &&
          r.status === 'succeeded' &&
          typeof r.parameters.keepAwakeHours === 'number' &&
          Date.parse(r.createdAt) + r.parameters.keepAwakeHours * HOUR >
            now.getTime(),
      );
      if (actedThisNight || keptAwake) continue;
      await this.request(app, env, 'pause', asleepSince.toISOString(), {
        until: schedule.nextWake(now).toISOString(),
        reason: 'The pause schedule: awake hours are over',
      });
    }
  }

  /** A cluster that cannot be read keeps that one application out of this tick (logged), not the others. */
  private async pausedIn(
    app: IndexedApplication,
    environment: string,
  ): Promise<{ paused?: PausedState; failed?: true }> {
    if (!this.deps.pausedIn)
      return { paused: app.spec.environments[environment].paused };
    try {
      return { paused: await this.deps.pausedIn(app, environment) };
    } catch (error) {
      this.deps.logger.warn(
        `The pause schedule could not tell whether ${
          app.name
        } is paused in ${environment}: ${(error as Error)?.message ?? error}`,
      );
      return { failed: true };
    }
  }

  private async request(
    app: IndexedApplication,
    environment: string,
    action: 'pause' | 'resume',
    stretch: string,
    parameters: Record<string, unknown>,
  ) {
    try {
      await this.deps.requestScheduledRun(
        {
          action,
          entityRef: app.entityRef,
          environment,
          parameters,
          idempotencyKey: `pause-schedule:${app.name}:${environment}:${action}:${stretch}`,
        },
        'pause',
      );
    } catch (error) {
      // One application's refusal (busy, changed by hand) must not keep the others from their schedule.
      this.deps.logger.warn(
        `The pause schedule could not ${action} ${
          app.name
        } in ${environment}: ${(error as Error)?.message ?? error}`,
      );
    }
  }
}
