import { Config } from '@backstage/config';
import {
  ActionExecutionContext,
  ActionExecutor,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { KubernetesClusters } from '../../kubernetes/KubernetesClusters';
import { followRollout } from '../../kubernetes/rollout';
import { RestartParameters } from './restartAction';

/** The annotation `kubectl rollout restart` sets: changing the pod template makes the controller replace every pod. */
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** Which Slipway run changed the pod template last: a resumed run that finds its own id here does not restart twice. */
const RESTART_RUN = 'slipway.dev/restart-run';

/**
 * Restart through Kubernetes: the same change as `kubectl rollout restart` (a new `restartedAt` annotation on the
 * pod template), then follow the rollout until it completes or fails. The patch is checkpointed, so a resumed run
 * keeps following the same rollout instead of restarting twice.
 */
export class KubernetesRestartExecutor
  implements ActionExecutor<RestartParameters>
{
  readonly id = 'kubernetes';
  readonly action = 'restart';

  constructor(
    private readonly clusters: KubernetesClusters,
    /** How often the rollout is checked; tests shorten it. */
    private readonly pollMs = 2000,
  ) {}

  validateConfig(
    config: Config | undefined,
    context: { key: string; environment: SlipwayEnvironment },
  ) {
    this.clusters.validateWorkloadSettings(config, context, [
      'deployment',
      'statefulset',
      'daemonset',
    ]);
  }

  async execute(ctx: ActionExecutionContext<RestartParameters>) {
    const ref = this.clusters.workloadOf(
      ctx.config,
      ctx.environment,
      ctx.templateContext,
    );
    const { kind, where } = ref;

    const { generation } = await ctx.checkpoint('restart-patched', async () => {
      // A resumed run may have patched before its checkpoint was stored (the backend died in between): look first.
      if (kind !== 'deployment' || ctx.run.attempt > 1) {
        const current = await this.clusters.read(ref);
        if (
          current.spec?.template?.metadata?.annotations?.[RESTART_RUN] ===
          ctx.run.id
        ) {
          ctx.log.info(
            `The pod template of ${where} was already patched by an earlier attempt of this run`,
          );
          return { generation: current.metadata?.generation ?? 0 };
        }
        // With OnDelete, a new pod template replaces no pod: the rollout would never progress, and the run would
        // only end at its time limit. Say so before changing anything.
        if ((current.spec as any)?.updateStrategy?.type === 'OnDelete')
          throw new Error(
            `Cannot restart ${where}: its updateStrategy is OnDelete, so changing its pod template replaces no pod. Delete its pods one by one, or switch it to RollingUpdate`,
          );
      }
      const patched = await this.clusters.patch(ref, {
        spec: {
          template: {
            metadata: {
              annotations: {
                [RESTARTED_AT]: new Date().toISOString(),
                [RESTART_RUN]: ctx.run.id,
              },
            },
          },
        },
      });
      ctx.log.info(`Restart requested: patched the pod template of ${where}`);
      return { generation: patched.metadata?.generation ?? 0 };
    });

    const status = await followRollout(this.clusters, ref, generation, ctx, {
      pollMs: this.pollMs,
      action: 'Restart',
    });
    return { summary: `Restarted ${where}: ${status.progress}` };
  }
}
