import { Config } from '@backstage/config';
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1DaemonSet,
  V1Deployment,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  ActionExecutionContext,
  ActionExecutor,
  compileTemplate,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { sleep } from '../sleep';
import { RestartParameters } from './restartAction';

type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;
type Kind = 'deployment' | 'statefulset' | 'daemonset';

/** The annotation `kubectl rollout restart` sets: changing the pod template makes the controller replace every pod. */
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
/** Which Slipway run changed the pod template last: a resumed run that finds its own id here does not restart twice. */
const RESTART_RUN = 'slipway.dev/restart-run';

/** Is the rollout done, failed, or how far along? The same rules as `kubectl rollout status`. */
export function rolloutStatus(
  kind: Kind,
  workload: Workload,
  generation: number,
): { done: boolean; failed?: string; progress: string } {
  const status = workload.status as any;
  if ((status?.observedGeneration ?? 0) < generation)
    return {
      done: false,
      progress: 'waiting for the controller to see the change',
    };
  if (kind === 'deployment') {
    const deadline = (status.conditions ?? []).find(
      (c: any) =>
        c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
    );
    if (deadline)
      return {
        done: false,
        failed: `the rollout exceeded its progress deadline: ${
          deadline.message ?? ''
        }`.trim(),
        progress: '',
      };
    const want = (workload.spec as any)?.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    if (updated < want)
      return {
        done: false,
        progress: `${updated} of ${want} replicas updated`,
      };
    if ((status.replicas ?? 0) > updated)
      return {
        done: false,
        progress: `${status.replicas - updated} old replicas still terminating`,
      };
    if ((status.availableReplicas ?? 0) < updated)
      return {
        done: false,
        progress: `${
          status.availableReplicas ?? 0
        } of ${updated} updated replicas available`,
      };
    return {
      done: true,
      progress: `${updated} of ${want} replicas updated and available`,
    };
  }
  if (kind === 'statefulset') {
    const want = (workload.spec as any)?.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    if (updated < want || status.currentRevision !== status.updateRevision)
      return { done: false, progress: `${updated} of ${want} pods updated` };
    if ((status.readyReplicas ?? 0) < want)
      return {
        done: false,
        progress: `${status.readyReplicas ?? 0} of ${want} pods ready`,
      };
    return {
      done: true,
      progress: `${want} of ${want} pods updated and ready`,
    };
  }
  const want = status.desiredNumberScheduled ?? 0;
  if ((status.updatedNumberScheduled ?? 0) < want)
    return {
      done: false,
      progress: `${status.updatedNumberScheduled ?? 0} of ${want} pods updated`,
    };
  if ((status.numberAvailable ?? 0) < want)
    return {
      done: false,
      progress: `${status.numberAvailable ?? 0} of ${want} pods available`,
    };
  return {
    done: true,
    progress: `${want} of ${want} pods updated and available`,
  };
}

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
  private readonly clusters = new Map<string, AppsV1Api>();

  constructor(
    rootConfig: Config,
    /** How often the rollout is checked; tests shorten it. */
    private readonly pollMs = 2000,
  ) {
    for (const cluster of rootConfig.getOptionalConfigArray(
      'slipway.kubernetes.clusters',
    ) ?? []) {
      const name = cluster.getString('name');
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromOptions({
        clusters: [
          {
            name,
            server: cluster.getString('url'),
            caData: cluster.getOptionalString('caData'),
            skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
          },
        ],
        users: [
          { name: 'slipway', token: cluster.getString('serviceAccountToken') },
        ],
        contexts: [{ name, cluster: name, user: 'slipway' }],
        currentContext: name,
      });
      this.clusters.set(name, kubeConfig.makeApiClient(AppsV1Api));
    }
  }

  validateConfig(
    config: Config | undefined,
    context: { key: string; environment: SlipwayEnvironment },
  ) {
    const kind = config?.getOptionalString('kind') ?? 'deployment';
    if (!['deployment', 'statefulset', 'daemonset'].includes(kind)) {
      throw new Error(
        `${context.key}.kind: must be deployment, statefulset or daemonset`,
      );
    }
    compileTemplate(config?.getOptionalString('workload') ?? '{{ app.name }}');
    const cluster = context.environment.kubernetes?.cluster;
    if (!cluster)
      throw new Error(
        `${context.key}: the kubernetes executor needs slipway.environments[${context.environment.order}].kubernetes.cluster`,
      );
    if (!this.clusters.has(cluster))
      throw new Error(
        `${context.key}: no cluster named "${cluster}" in slipway.kubernetes.clusters`,
      );
  }

  async execute(ctx: ActionExecutionContext<RestartParameters>) {
    const kind = (ctx.config?.getOptionalString('kind') ??
      'deployment') as Kind;
    const name = compileTemplate(
      ctx.config?.getOptionalString('workload') ?? '{{ app.name }}',
    ).render(ctx.templateContext);
    const namespace = ctx.templateContext.env.namespace!;
    const api = this.clusters.get(ctx.environment.kubernetes!.cluster)!;
    const where = `${kind} ${namespace}/${name} in cluster ${
      ctx.environment.kubernetes!.cluster
    }`;

    const { generation } = await ctx.checkpoint('restart-patched', async () => {
      // A resumed run may have patched before its checkpoint was stored (the backend died in between): look first.
      if (kind !== 'deployment' || ctx.run.attempt > 1) {
        const current = await this.call(`read ${where}`, () =>
          this.read(api, kind, name, namespace),
        );
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
      const body = {
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
      };
      const patched = await this.call(`patch ${where}`, () =>
        this.patch(api, kind, name, namespace, body),
      );
      ctx.log.info(`Restart requested: patched the pod template of ${where}`);
      return { generation: patched.metadata?.generation ?? 0 };
    });

    let lastProgress = '';
    for (;;) {
      const workload = await this.call(`read ${where}`, () =>
        this.read(api, kind, name, namespace),
      );
      const status = rolloutStatus(kind, workload, generation);
      if (status.failed)
        throw new Error(`Restart of ${where} failed: ${status.failed}`);
      if (status.progress !== lastProgress) ctx.log.info(status.progress);
      lastProgress = status.progress;
      if (status.done)
        return { summary: `Restarted ${where}: ${status.progress}` };
      await sleep(this.pollMs, ctx.signal);
    }
  }

  private read(
    api: AppsV1Api,
    kind: Kind,
    name: string,
    namespace: string,
  ): Promise<Workload> {
    if (kind === 'statefulset')
      return api.readNamespacedStatefulSet({ name, namespace });
    if (kind === 'daemonset')
      return api.readNamespacedDaemonSet({ name, namespace });
    return api.readNamespacedDeployment({ name, namespace });
  }

  private patch(
    api: AppsV1Api,
    kind: Kind,
    name: string,
    namespace: string,
    body: object,
  ): Promise<Workload> {
    const options = setHeaderOptions(
      'Content-Type',
      PatchStrategy.StrategicMergePatch,
    );
    if (kind === 'statefulset')
      return api.patchNamespacedStatefulSet({ name, namespace, body }, options);
    if (kind === 'daemonset')
      return api.patchNamespacedDaemonSet({ name, namespace, body }, options);
    return api.patchNamespacedDeployment({ name, namespace, body }, options);
  }

  /** Kubernetes errors become messages a developer can act on (the token never appears in them). */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error: any) {
      const code = error?.code;
      const reason =
        error?.body?.message ??
        (typeof error?.body === 'string' ? safeMessage(error.body) : undefined);
      if (code === 404) throw new Error(`Could not ${what}: it does not exist`);
      if (code === 401 || code === 403)
        throw new Error(
          `Could not ${what}: the cluster refused (HTTP ${code}${
            reason ? `: ${reason}` : ''
          })`,
        );
      if (code)
        throw new Error(
          `Could not ${what}: HTTP ${code}${reason ? `: ${reason}` : ''}`,
        );
      throw new Error(
        `Could not ${what}: ${error?.cause?.code ?? error?.message ?? error}`,
      );
    }
  }
}

function safeMessage(body: string) {
  try {
    return JSON.parse(body).message as string | undefined;
  } catch {
    return body.slice(0, 200);
  }
}
