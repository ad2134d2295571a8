import { Config } from '@backstage/config';
import {
  ActionExecutionContext,
  ActionExecutor,
  ActionPreviewContext,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import {
  KubernetesClusters,
  Workload,
  WorkloadRef,
} from '../../kubernetes/KubernetesClusters';
import { followRollout } from '../../kubernetes/rollout';
import { sleep } from '../sleep';
import { PAUSE_ANNOTATIONS, pausedStateOf, PausedStates } from './PausedStates';
import { PauseParameters, ResumeParameters } from './pauseActions';

type Parameters = PauseParameters & ResumeParameters;
type Mode = 'pause' | 'resume';

/** The run that resumed a workload last: an attempt of that run resumed after a crash follows the rollout it began. */
const RESUMED_BY_RUN = 'slipway.dev/resumed-by-run';

const replicasOf = (workload: Workload) =>
  (workload.spec as { replicas?: number } | undefined)?.replicas ?? 1;
const plural = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;

/**
 * Pause and Resume for setups without GitOps: scale the application's Deployment or StatefulSet to zero, keeping the
 * replicas it had (and since when, and until when) in annotations on the workload, and scale it back on Resume. Where
 * a GitOps tool applies the manifests, use the GitOps executor instead: the tool would undo a scale made here, and
 * this executor says so when something scales the workload back up while it waits for the pods to stop.
 *
 * Each patch is checkpointed and names its run in an annotation, so an attempt resumed after a crash never scales
 * twice and keeps following what it began.
 */
export class KubernetesPauseExecutor implements ActionExecutor<Parameters> {
  readonly id = 'kubernetes';

  constructor(
    readonly action: Mode,
    private readonly clusters: KubernetesClusters,
    private readonly states: PausedStates,
    /** How often the workload is checked while pods stop or start; tests shorten it. */
    private readonly pollMs = 2000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The workload's settings, and Resume beside Pause naming the same workload: the annotations Pause leaves are what
   * Resume (and the Platform tab) read.
   */
  validateConfig(
    config: Config | undefined,
    context: { key: string; environment: SlipwayEnvironment },
  ) {
    this.clusters.validateWorkloadSettings(config, context, [
      'deployment',
      'statefulset',
    ]);
    const other =
      context.environment.actions[this.action === 'pause' ? 'resume' : 'pause'];
    const sameWorkload = (key: string) =>
      other?.config.getOptionalString(key) === config?.getOptionalString(key);
    if (
      other?.executor !== 'kubernetes' ||
      !sameWorkload('kind') ||
      !sameWorkload('workload')
    )
      throw new Error(
        `${context.key}: the kubernetes executor of Pause and Resume works in pairs: set actions.pause and actions.resume both to executor: kubernetes, with the same kind and workload`,
      );
  }

  async preview(
    ctx: Pick<
      ActionPreviewContext,
      'config' | 'environment' | 'templateContext'
    >,
  ) {
    const ref = this.workloadOf(ctx);
    const current = await this.clusters.read(ref);
    const paused = pausedStateOf(current);
    if (this.action === 'pause')
      return {
        summary: paused
          ? `${ctx.environment.title} is already paused: nothing would change`
          : `${ctx.environment.title} would be paused: ${
              ref.where
            } scaled from ${plural(replicasOf(current))} to 0`,
      };
    return {
      summary: paused
        ? `${ctx.environment.title} would start again: ${
            ref.where
          } scaled from 0 to ${plural(paused.replicas ?? 1)}`
        : `${ctx.environment.title} is not paused: nothing would change`,
    };
  }

  async execute(ctx: ActionExecutionContext<Parameters>) {
    if (ctx.run.parameters.dryRun)
      return { summary: `Dry run: ${(await this.preview(ctx)).summary}` };
    return this.action === 'pause' ? this.pause(ctx) : this.resume(ctx);
  }

  private async pause(ctx: ActionExecutionContext<Parameters>) {
    const ref = this.workloadOf(ctx);
    const scaled = await ctx.checkpoint('pause-scaled', async () => {
      const current = await this.clusters.read(ref);
      const annotations = current.metadata?.annotations ?? {};
      if (pausedStateOf(current))
        return { changed: annotations[PAUSE_ANNOTATIONS.run] === ctx.run.id };
      const replicas = replicasOf(current);
      if (replicas === 0)
        throw new Error(
          `${ref.where} already runs no replicas, so there is nothing to pause and nothing was changed.`,
        );
      const until = ctx.run.parameters.until;
      await this.clusters.patch(ref, {
        metadata: {
          annotations: {
            [PAUSE_ANNOTATIONS.since]: this.now().toISOString(),
            [PAUSE_ANNOTATIONS.replicas]: String(replicas),
            [PAUSE_ANNOTATIONS.until]: until ?? null,
            [PAUSE_ANNOTATIONS.run]: ctx.run.id,
          },
        },
        spec: { replicas: 0 },
      });
      this.states.forget(ref);
      ctx.log.info(`Scaled ${ref.where} from ${plural(replicas)} to 0`);
      return { changed: true };
    });
    if (!scaled.changed) return { summary: `${ref.where} was already paused` };

    // Its pods stop one by one; something that scales it back up (an autoscaler, a deploy tool) undoes the pause.
    let lastProgress = '';
    for (;;) {
      const workload = await this.clusters.read(ref);
      const wanted = replicasOf(workload);
      if (wanted > 0)
        throw new Error(
          `Something scaled ${ref.where} back to ${plural(
            wanted,
          )} after Slipway paused it: a HorizontalPodAutoscaler, or a deploy tool applying its manifest. Pause it where its replicas are set (for Argo CD: the gitops executor)`,
        );
      const running = (workload.status as { replicas?: number })?.replicas ?? 0;
      if (running === 0)
        return { summary: `Paused ${ref.where}: no pods are running` };
      const progress = `${running} pod${
        running === 1 ? '' : 's'
      } still stopping`;
      if (progress !== lastProgress) ctx.log.info(progress);
      lastProgress = progress;
      await sleep(this.pollMs, ctx.signal);
    }
  }

  private async resume(ctx: ActionExecutionContext<Parameters>) {
    const ref = this.workloadOf(ctx);
    const scaled = await ctx.checkpoint('resume-scaled', async () => {
      const current = await this.clusters.read(ref);
      const paused = pausedStateOf(current);
      if (!paused) {
        // Not paused: already resumed, by an earlier attempt of this run (then follow its rollout) or by someone else.
        const ours =
          current.metadata?.annotations?.[RESUMED_BY_RUN] === ctx.run.id;
        return ours
          ? { generation: current.metadata?.generation ?? 0 }
          : { generation: null };
      }
      const replicas = paused.replicas ?? 1;
      const patched = await this.clusters.patch(ref, {
        metadata: {
          annotations: {
            [PAUSE_ANNOTATIONS.since]: null,
            [PAUSE_ANNOTATIONS.replicas]: null,
            [PAUSE_ANNOTATIONS.until]: null,
            [PAUSE_ANNOTATIONS.run]: null,
            [RESUMED_BY_RUN]: ctx.run.id,
          },
        },
        spec: { replicas },
      });
      this.states.forget(ref);
      ctx.log.info(`Scaled ${ref.where} from 0 to ${plural(replicas)}`);
      return { generation: patched.metadata?.generation ?? 0 };
    });
    if (scaled.generation === null)
      return { summary: `${ref.where} was already running` };
    const status = await followRollout(
      this.clusters,
      ref,
      scaled.generation,
      ctx,
      { pollMs: this.pollMs, action: 'Resume' },
    );
    return { summary: `Resumed ${ref.where}: ${status.progress}` };
  }

  private workloadOf(
    ctx: Pick<
      ActionPreviewContext,
      'config' | 'environment' | 'templateContext'
    >,
  ): WorkloadRef {
    return this.clusters.workloadOf(
      ctx.config,
      ctx.environment,
      ctx.templateContext,
    );
  }
}
