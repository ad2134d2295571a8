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
  compileTemplate,
  SlipwayEnvironment,
  TemplateContext,
} from '@slipway/backstage-plugin-slipway-node';

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;
export type WorkloadKind = 'deployment' | 'statefulset' | 'daemonset';

/** One workload of an application in an environment's cluster, as an executor's settings name it. */
export interface WorkloadRef {
  cluster: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** "deployment checkout-prod/checkout in cluster prod-eu": how messages name it. */
  where: string;
}

/**
 * The clusters of `slipway.kubernetes.clusters`, one API client each, shared by every executor that talks to
 * Kubernetes (restart, pause, resume) and by what reads a workload's state for the Platform tab. Errors of the API
 * server become messages a developer can act on; the token never appears in them.
 */
export class KubernetesClusters {
  private readonly clients = new Map<string, AppsV1Api>();

  static fromConfig(rootConfig: Config) {
    return new KubernetesClusters(rootConfig);
  }

  private constructor(rootConfig: Config) {
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
      this.clients.set(name, kubeConfig.makeApiClient(AppsV1Api));
    }
  }

  /**
   * Checks an executor's `kind` and `workload` settings and the environment's cluster at start. `kinds`: the kinds
   * the executor can act on (a DaemonSet has no replicas to pause).
   */
  validateWorkloadSettings(
    config: Config | undefined,
    context: { key: string; environment: SlipwayEnvironment },
    kinds: WorkloadKind[],
  ) {
    const kind = config?.getOptionalString('kind') ?? 'deployment';
    if (!(kinds as string[]).includes(kind))
      throw new Error(
        `${context.key}.kind: must be ${kinds
          .slice(0, -1)
          .join(', ')} or ${kinds.at(-1)}`,
      );
    compileTemplate(config?.getOptionalString('workload') ?? '{{ app.name }}');
    const cluster = context.environment.kubernetes?.cluster;
    if (!cluster)
      throw new Error(
        `${context.key}: the kubernetes executor needs slipway.environments[${context.environment.order}].kubernetes.cluster`,
      );
    if (!this.clients.has(cluster))
      throw new Error(
        `${context.key}: no cluster named "${cluster}" in slipway.kubernetes.clusters`,
      );
  }

  /** The workload an executor's settings (checked by validateWorkloadSettings) name for one application. */
  workloadOf(
    config: Config | undefined,
    environment: SlipwayEnvironment,
    templateContext: TemplateContext,
  ): WorkloadRef {
    const kind = (config?.getOptionalString('kind') ??
      'deployment') as WorkloadKind;
    const name = compileTemplate(
      config?.getOptionalString('workload') ?? '{{ app.name }}',
    ).render(templateContext);
    const namespace = templateContext.env.namespace!;
    const cluster = environment.kubernetes!.cluster;
    return {
      cluster,
      kind,
      namespace,
      name,
      where: `${kind} ${namespace}/${name} in cluster ${cluster}`,
    };
  }

  read(ref: WorkloadRef): Promise<Workload> {
    const api = this.api(ref);
    const { name, namespace } = ref;
    return this.call<Workload>(`read ${ref.where}`, () => {
      if (ref.kind === 'statefulset')
        return api.readNamespacedStatefulSet({ name, namespace });
      if (ref.kind === 'daemonset')
        return api.readNamespacedDaemonSet({ name, namespace });
      return api.readNamespacedDeployment({ name, namespace });
    });
  }

  /** A strategic merge patch (as kubectl sends): `null` removes a key, e.g. an annotation. */
  patch(ref: WorkloadRef, body: object): Promise<Workload> {
    const api = this.api(ref);
    const { name, namespace } = ref;
    const options = setHeaderOptions(
      'Content-Type',
      PatchStrategy.StrategicMergePatch,
    );
    return this.call<Workload>(`patch ${ref.where}`, () => {
      if (ref.kind === 'statefulset')
        return api.patchNamespacedStatefulSet(
          { name, namespace, body },
          options,
        );
      if (ref.kind === 'daemonset')
        return api.patchNamespacedDaemonSet({ name, namespace, body }, options);
      return api.patchNamespacedDeployment({ name, namespace, body }, options);
    });
  }

  private api(ref: WorkloadRef) {
    const api = this.clients.get(ref.cluster);
    if (!api)
      throw new Error(
        `No cluster named "${ref.cluster}" in slipway.kubernetes.clusters`,
      );
    return api;
  }

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
