import { Config } from '@backstage/config';
import {
  ActionExecutionContext,
  ActionExecutor,
} from '@slipway/backstage-plugin-slipway-node';
import {
  ArgoApplication,
  ArgoCdClient,
  ArgoOperation,
} from '../../status/ArgoCdClient';
import { EnvironmentStatusService } from '../../status/EnvironmentStatusService';
import { sleep } from '../sleep';
import { describeOperation, isFinished } from './operationProgress';
import { SYNC_TIMEOUT_SECONDS, SyncParameters } from './syncAction';

/** The name of the `info` Slipway leaves on the operations it starts, whose value is the run's id. */
export const RUN_INFO = 'Slipway run';

const DEFAULT_POLL_SECONDS = 2;
const DEFAULT_WAIT_SECONDS = 600;

/**
 * Syncs (or only refreshes) the application's Argo CD application, with the instance and token of the environment's
 * `argocd` setting. A sync is asked for once (`POST /api/v1/applications/{name}/sync`, `prune: false`, tagged with
 * the run's id), then `status.operationState` is followed until it is Succeeded, Failed or Error, or the wait is over.
 * A resumed run looks for its own tag before it asks again, so a crash never starts a second sync.
 */
export class ArgoCdSyncExecutor implements ActionExecutor<SyncParameters> {
  readonly id = 'argocd';
  readonly action = 'sync';

  constructor(private readonly status: EnvironmentStatusService) {}

  validateConfig(config: Config | undefined, { key }: { key: string }) {
    const number = (name: string, min: number, max: number) => {
      const value = config?.getOptional(name);
      if (
        value !== undefined &&
        !(typeof value === 'number' && value >= min && value <= max)
      )
        throw new Error(
          `${key}.${name}: must be a number of seconds from ${min} to ${max}`,
        );
      return value as number | undefined;
    };
    number('pollSeconds', 0.05, 60);
    const wait = number('waitSeconds', 1, 86_400) ?? DEFAULT_WAIT_SECONDS;
    const limit =
      config?.getOptionalNumber('timeoutSeconds') ?? SYNC_TIMEOUT_SECONDS;
    if (wait >= limit)
      throw new Error(
        `${key}.waitSeconds: the wait for Argo CD (${wait} s) must be shorter than the run's time limit (timeoutSeconds, ${limit} s)`,
      );
  }

  async execute(ctx: ActionExecutionContext<SyncParameters>) {
    const { client, name } = this.target(ctx);
    try {
      return ctx.run.parameters.mode === 'refresh'
        ? await this.refresh(ctx, client, name)
        : await this.sync(ctx, client, name);
    } finally {
      // The Platform tab and the buttons should show what the run changed, not what Argo CD said before it.
      this.status.forget(ctx.environment, name);
    }
  }

  private target(ctx: ActionExecutionContext<SyncParameters>) {
    const { argocd, title, order } = ctx.environment;
    const client = argocd
      ? this.status.argoCdClient(argocd.instance)
      : undefined;
    if (!argocd || !client)
      throw new Error(
        `Argo CD is not connected to this portal for ${title} (slipway.environments[${order}].argocd), so there is nothing to sync`,
      );
    return { client, name: argocd.application.render(ctx.templateContext) };
  }

  private async refresh(
    ctx: ActionExecutionContext<SyncParameters>,
    client: ArgoCdClient,
    name: string,
  ) {
    ctx.log.info(`Asking Argo CD to compare ${name} with Git again`);
    const app = await client.getApplication(name, {
      refresh: 'hard',
      signal: ctx.signal,
    });
    return {
      summary: `Argo CD compared ${name} with Git again: it reports ${statusOf(
        app,
      )}`,
      links: [{ title: 'Argo CD', url: client.applicationUrl(name) }],
      output: { sync: syncOf(app), health: healthOf(app) },
    };
  }

  private async sync(
    ctx: ActionExecutionContext<SyncParameters>,
    client: ArgoCdClient,
    name: string,
  ) {
    const { signal } = ctx;
    const runId = ctx.run.id;
    await ctx.checkpoint('sync-requested', async () => {
      // Looked at first, every time: on a resumed run the sync may have been asked for before the checkpoint was
      // stored; and an operation someone else started would only make Argo CD refuse with less helpful words.
      const app = await client.getApplication(name, { signal });
      if (
        isOurs(app.operation, runId) ||
        isOurs(operationState(app)?.operation, runId)
      ) {
        ctx.log.info(
          `Argo CD already has the sync this run asked for before it was resumed; following it instead of asking again`,
        );
        return;
      }
      const busy = app.operation ?? runningOperation(app);
      if (busy)
        throw new Error(
          `Argo CD is already running an operation on ${name}${initiator(
            busy,
          )}: wait for it to finish, then sync again if Argo CD still reports ${statusOf(
            app,
          )}`,
        );
      ctx.log.info(
        `Argo CD reports ${name} ${statusOf(app)}; asking it to sync`,
      );
      await client.sync(
        name,
        {
          prune: false,
          infos: [
            { name: RUN_INFO, value: runId },
            { name: 'Requested by', value: ctx.run.requester },
          ],
        },
        signal,
      );
      ctx.log.info('Argo CD accepted the sync');
    });
    return this.follow(ctx, client, name);
  }

  /** Follows this run's operation until it ends or the wait is over, writing each change of progress to the log. */
  private async follow(
    ctx: ActionExecutionContext<SyncParameters>,
    client: ArgoCdClient,
    name: string,
  ) {
    const settings = ctx.config;
    const pollMs =
      (settings?.getOptionalNumber('pollSeconds') ?? DEFAULT_POLL_SECONDS) *
      1000;
    const waitSeconds =
      settings?.getOptionalNumber('waitSeconds') ?? DEFAULT_WAIT_SECONDS;
    const deadline = Date.now() + waitSeconds * 1000;
    const url = client.applicationUrl(name);
    let last = '';
    for (;;) {
      const app = await client.getApplication(name, { signal: ctx.signal });
      const state = operationState(app);
      let progress: string;
      if (isOurs(state?.operation, ctx.run.id)) {
        progress = describeOperation(state!);
        if (isFinished(state!)) {
          if (state!.phase !== 'Succeeded')
            throw new Error(
              `Argo CD's sync of ${name} ended ${progress.replace(
                /^Sync /,
                '',
              )}`,
            );
          if (progress !== last) ctx.log.info(progress);
          const revision = state!.syncResult?.revision;
          return {
            summary: `Argo CD synced ${name}${
              revision ? ` to ${revision.slice(0, 12)}` : ''
            }; it reports ${statusOf(app)}`,
            links: [{ title: 'Argo CD', url }],
            output: {
              phase: state!.phase!,
              ...(revision ? { revision } : {}),
              sync: syncOf(app),
              health: healthOf(app),
            },
          };
        }
      } else if (isOurs(app.operation, ctx.run.id)) {
        progress = 'Waiting for Argo CD to start the sync';
      } else {
        throw new Error(
          `Argo CD no longer shows the sync this run asked for on ${name}: another operation${initiator(
            app.operation ?? state?.operation,
          )} has replaced it. Its history in Argo CD tells how it ended: ${url}`,
        );
      }
      if (progress !== last) ctx.log.info(progress);
      last = progress;
      if (Date.now() + pollMs > deadline)
        throw new Error(
          `Argo CD's sync of ${name} had not finished after ${waitSeconds} s (last: ${progress}). It goes on in Argo CD; follow it there: ${url}`,
        );
      await sleep(pollMs, ctx.signal);
    }
  }
}

function operationState(app: ArgoApplication) {
  return app.status?.operationState;
}

function isOurs(operation: ArgoOperation | undefined, runId: string) {
  return !!operation?.info?.some(i => i.name === RUN_INFO && i.value === runId);
}

/** The operation Argo CD is running now, if any (Terminating still holds the application). */
function runningOperation(app: ArgoApplication) {
  const state = operationState(app);
  return state && !isFinished(state) ? state.operation ?? {} : undefined;
}

/** ` (started by alice)`, ` (an automated sync)`, or nothing when Argo CD does not say. */
function initiator(operation: ArgoOperation | undefined) {
  const by = operation?.initiatedBy;
  if (by?.automated) return ' (an automated sync)';
  return by?.username ? ` (started by ${by.username})` : '';
}

function syncOf(app: ArgoApplication) {
  return app.status?.sync?.status ?? 'Unknown';
}

function healthOf(app: ArgoApplication) {
  return app.status?.health?.status ?? 'Unknown';
}

/** `OutOfSync and Degraded`: Argo CD's two statuses as a developer reads them. */
function statusOf(app: ArgoApplication) {
  return `${syncOf(app)} and ${healthOf(app)}`;
}
