import { Entity } from '@backstage/catalog-model';

/** A Component as the Slipway catalog module makes it from a manifest. */
export function applicationEntity(
  name: string,
  options: {
    owner?: string;
    system?: string;
    type?: 'service' | 'vendor' | 'etl';
    environments?: Record<string, { version: string; replicas?: number }>;
    labels?: Record<string, string>;
  } = {},
): Entity {
  const type = options.type ?? 'service';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} title`,
      labels: options.labels,
      annotations: {
        'slipway.dev/manifest-path': `apps/${name}.yaml`,
        'backstage.io/view-url': `https://github.com/acme/gitops/blob/main/apps/${name}.yaml`,
      },
    },
    spec: {
      type,
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/payments',
      system: options.system ?? 'system:default/payments',
      slipway: {
        type,
        manifestPath: `apps/${name}.yaml`,
        ...(type === 'vendor'
          ? {
              chart: {
                repository: 'https://charts.example.com',
                name: 'redis',
              },
            }
          : { image: `registry.example.com/${name}` }),
        environments: options.environments ?? {
          dev: { version: '1.1.0' },
          prod: { version: '1.0.0', replicas: 3 },
        },
        components: [],
        secrets: [],
      },
    },
    relations: [
      {
        type: 'partOf',
        targetRef: options.system ?? 'system:default/payments',
      },
    ],
  };
}

export const paymentsSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

/** An Argo CD Application as GET /api/v1/applications/{name} returns it. */
export function argoApplication(options: {
  images?: string[];
  chart?: { name: string; version: string };
  sync?: string;
  health?: string;
}) {
  return {
    metadata: { name: 'x', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: options.chart
        ? {
            repoURL: 'https://charts.example.com',
            chart: options.chart.name,
            targetRevision: options.chart.version,
          }
        : {
            repoURL: 'https://github.com/acme/gitops',
            path: 'apps/x',
            targetRevision: 'HEAD',
          },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'x' },
    },
    status: {
      sync: { status: options.sync ?? 'Synced', revision: 'abc123' },
      health: { status: options.health ?? 'Healthy' },
      summary: { images: options.images ?? [] },
      operationState: {
        phase: 'Succeeded',
        finishedAt: '2026-11-20T10:00:00Z',
      },
      reconciledAt: '2026-11-22T10:00:00Z',
    },
  };
}
