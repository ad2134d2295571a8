import { Entity } from '@backstage/catalog-model';
import type { ManifestReport } from '../api';
import {
  ApplicationEnvironments,
  EnvironmentStatus,
} from '@slipway/backstage-plugin-slipway-common';

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    title: 'Checkout API',
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    system: 'system:default/payments',
    slipway: {
      type: 'service',
      manifestPath: 'apps/checkout-api.yaml',
      image: 'registry.example.com/checkout-api',
      environments: {
        dev: { version: '1.4.2' },
        prod: { version: '1.3.9', replicas: 3 },
      },
      components: [
        { name: 'checkout-db', type: 'postgres', database: 'checkout' },
      ],
      secrets: [
        {
          env: 'DATABASE_PASSWORD',
          store: 'aws-secrets-manager',
          name: 'prod/checkout/db',
          key: 'password',
        },
      ],
    },
  },
};

export function environment(
  overrides: Partial<EnvironmentStatus> & { name: string },
): EnvironmentStatus {
  return {
    title: overrides.name,
    production: false,
    order: 0,
    desired: { version: '1.0.0' },
    live: {
      state: 'known',
      sync: 'Synced',
      health: 'Healthy',
      version: '1.0.0',
      syncedAt: '2026-11-20T10:00:00Z',
    },
    links: [],
    ...overrides,
  };
}

export const checkoutEnvironments: ApplicationEnvironments = {
  application: {
    entityRef: 'component:default/checkout-api',
    name: 'checkout-api',
    type: 'service',
    manifestPath: 'apps/checkout-api.yaml',
    manifestUrl:
      'https://github.com/acme/gitops/blob/main/apps/checkout-api.yaml',
  },
  environments: [
    environment({
      name: 'dev',
      title: 'Development',
      desired: { version: '1.4.2' },
      live: {
        state: 'known',
        sync: 'OutOfSync',
        health: 'Progressing',
        version: '1.4.1',
      },
      links: [
        { title: 'Logs', url: 'https://logs.example.com/?q=checkout-api' },
      ],
    }),
    environment({
      name: 'staging',
      title: 'Staging',
      order: 1,
      desired: null,
      live: { state: 'not-deployed' },
    }),
    environment({
      name: 'prod',
      title: 'Production',
      production: true,
      order: 2,
      desired: { version: '1.3.9', replicas: 3 },
      live: {
        state: 'unknown',
        reason: 'Argo CD (main) did not answer within 2500 ms',
      },
      links: [
        {
          title: 'Argo CD',
          url: 'https://argocd.example.com/applications/checkout-api-prod',
        },
      ],
    }),
  ],
};

/** The last read of a GitOps repository with one error and one warning. */
export const manifestReport: ManifestReport = {
  provider: 'slipway-manifests',
  source: 'https://github.com/acme/gitops@main',
  revision: '0123456789abcdef',
  readAt: new Date().toISOString(),
  applications: 9,
  systems: 3,
  problems: [
    {
      path: 'broken/a.yaml',
      line: 11,
      column: 10,
      field: 'spec.owner',
      severity: 'error',
      message:
        'must be a Group or User reference such as `group:default/payments`',
    },
    {
      path: 'apps/b.yaml',
      line: 4,
      column: 5,
      field: 'spec.environments.qa',
      severity: 'warning',
      message: 'environment "qa" is not configured',
    },
  ],
};
