import { Entity } from '@backstage/catalog-model';

export { applicationEntity } from '@slipway/backstage-plugin-slipway-node/testing';

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
