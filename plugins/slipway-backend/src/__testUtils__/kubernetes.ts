import { JsonObject } from '@backstage/types';
import { http, HttpResponse } from 'msw';
import { ConfigReader } from '@backstage/config';
import { KubernetesClusters } from '../kubernetes/KubernetesClusters';

/** The API server of the test cluster `prod-eu` (answered by msw in the documented apps/v1 shapes). */
export const K8S_API = 'https://k8s.example.com';

/** The one cluster `executionContext`'s environment runs in; its token is a canary that must never be logged. */
export function testClusters() {
  return KubernetesClusters.fromConfig(
    new ConfigReader({
      slipway: {
        kubernetes: {
          clusters: [
            {
              name: 'prod-eu',
              url: K8S_API,
              serviceAccountToken: 'k8s-token-canary',
              skipTLSVerify: true,
            },
          ],
        },
      },
    }),
  );
}

/** A 403 of the API server, in its `Status` shape. */
const forbidden = (name: string, verb: string) =>
  HttpResponse.json(
    {
      kind: 'Status',
      code: 403,
      message: `deployments.apps "${name}" is forbidden: User "system:serviceaccount:slipway:portal" cannot ${verb}`,
    },
    { status: 403 },
  );

/**
 * One Deployment behind the apps/v1 API, in its documented shapes: a GET returns it, a strategic merge PATCH changes
 * its annotations (null removes one) and replicas and bumps its generation, and its pods follow `spec.replicas` one
 * per read, as a controller would. `scaleBackTo`: an autoscaler that scales it back up after a patch.
 */
export function fakeCluster(
  options: {
    kind?: 'deployments' | 'statefulsets';
    name?: string;
    replicas?: number;
    annotations?: Record<string, string>;
    scaleBackTo?: number;
    /** The service account may not patch it (or not even read it): the API server answers 403. */
    refusePatch?: boolean;
    refuseRead?: boolean;
    /** How many pods start or stop between two reads (default 1). */
    podsPerRead?: number;
  } = {},
) {
  const name = options.name ?? 'checkout';
  const replicas = options.replicas ?? 3;
  const workload = {
    apiVersion: 'apps/v1',
    metadata: {
      name,
      namespace: 'checkout-prod',
      generation: 4,
      annotations: { ...options.annotations } as Record<string, string>,
    },
    spec: { replicas, template: { metadata: {} } },
    status: {
      observedGeneration: 4,
      replicas,
      updatedReplicas: replicas,
      availableReplicas: replicas,
      readyReplicas: replicas,
      currentRevision: 'r1',
      updateRevision: 'r1',
    },
  };
  const patches: Array<{ body: any; contentType: string | null }> = [];
  const url = `${K8S_API}/apis/apps/v1/namespaces/checkout-prod/${
    options.kind ?? 'deployments'
  }/${name}`;
  const handlers = [
    http.get(url, () => {
      if (options.refuseRead) return forbidden(name, 'get');
      const { status, spec } = workload;
      status.observedGeneration = workload.metadata.generation;
      const gap = spec.replicas - status.replicas;
      status.replicas +=
        Math.sign(gap) * Math.min(Math.abs(gap), options.podsPerRead ?? 1);
      status.updatedReplicas =
        status.availableReplicas =
        status.readyReplicas =
          status.replicas;
      return HttpResponse.json(workload);
    }),
    http.patch(url, async ({ request }) => {
      if (options.refusePatch) return forbidden(name, 'patch');
      const body = (await request.json()) as JsonObject as any;
      patches.push({ body, contentType: request.headers.get('content-type') });
      for (const [key, value] of Object.entries(
        body.metadata?.annotations ?? {},
      )) {
        if (value === null) delete workload.metadata.annotations[key];
        else workload.metadata.annotations[key] = value as string;
      }
      if (body.spec?.replicas !== undefined) {
        workload.spec.replicas = body.spec.replicas;
        workload.metadata.generation += 1;
      }
      const answer = structuredClone(workload);
      if (options.scaleBackTo !== undefined)
        workload.spec.replicas = options.scaleBackTo;
      return HttpResponse.json(answer);
    }),
  ];
  return { workload, patches, handlers };
}
