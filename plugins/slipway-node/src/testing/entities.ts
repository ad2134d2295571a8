import { Entity } from '@backstage/catalog-model';

/** A Component as the Slipway catalog module makes it from a manifest. @public */
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
      { type: 'ownedBy', targetRef: options.owner ?? 'group:default/payments' },
    ],
  };
}
