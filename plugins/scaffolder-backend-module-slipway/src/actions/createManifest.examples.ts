import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'manifest', action: 'slipway:manifest:create', name, input }],
  });

/**
 * Examples of `slipway:manifest:create`, shown in the portal's action list. Every one of them is run by
 * createManifest.examples.test.ts against a real git repository, so none of them can go stale.
 */
export const examples: TemplateExample[] = [
  {
    description:
      'A new service built in-house, starting in dev, with a PostgreSQL database',
    example: step('Add the manifest', {
      name: 'invoice-api',
      type: 'service',
      title: 'Invoice API',
      description: 'Issues and lists invoices',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      image: 'registry.acme.example/payments/invoice-api',
      environments: ['dev'],
      version: '0.1.0',
      components: [
        { name: 'invoice-db', type: 'postgres', database: 'invoices' },
      ],
      links: [
        {
          title: 'Repository',
          url: 'https://github.com/acme/invoice-api',
        },
      ],
    }),
  },
  {
    description:
      'A vendor application from a Helm chart, with values typed into a form as YAML',
    example: step('Add the manifest', {
      name: 'storefront-cache',
      type: 'vendor',
      owner: 'storefront',
      system: 'storefront',
      chart: {
        repository: 'oci://registry-1.docker.io/bitnamicharts',
        name: 'redis',
      },
      version: '19.6.4',
      environments: ['dev', 'staging'],
      values: 'architecture: standalone\nauth:\n  enabled: true\n',
    }),
  },
  {
    description: 'A scheduled ETL job, running every night at 02:30',
    example: step('Add the manifest', {
      name: 'orders-to-warehouse',
      type: 'etl',
      owner: 'group:default/data',
      system: 'analytics',
      image: 'registry.acme.example/data/orders-to-warehouse',
      schedule: '30 2 * * *',
      environments: ['dev', 'prod'],
      version: '1.0.0',
    }),
  },
  {
    description:
      'Only check the manifest and that the name is free (for a first step, before a repository is created)',
    example: step('Check the manifest', {
      name: 'refund-worker',
      type: 'service',
      owner: 'payments',
      system: 'payments',
      image: 'registry.acme.example/payments/refund-worker',
      environments: ['dev'],
      version: '0.1.0',
      validateOnly: true,
    }),
  },
  {
    description: 'A manifest at a path of your choosing',
    example: step('Add the manifest', {
      name: 'fraud-scorer',
      type: 'service',
      owner: 'payments',
      system: 'payments',
      image: 'registry.acme.example/payments/fraud-scorer',
      environments: ['dev'],
      version: '0.1.0',
      manifestPath: 'apps/payments/risk/fraud-scorer.yaml',
    }),
  },
];
