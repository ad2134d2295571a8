import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import { ENVIRONMENTS, templateWorkspace } from '../__testUtils__/gitops';
import {
  dryRun,
  loadTemplate,
  logOf,
  manifestOf,
  startScaffolder,
} from '../__testUtils__/scaffolderBackend';

jest.setTimeout(60_000);

const values = {
  name: 'storefront-cache',
  description: 'Caches product pages',
  owner: 'group:default/storefront',
  system: 'system:default/storefront',
  chartRepository: 'oci://registry-1.docker.io/bitnamicharts',
  chartName: 'redis',
  version: '19.6.4',
  environments: ['dev', 'staging'],
  values: 'architecture: standalone\nauth:\n  enabled: true\n',
};

describe('template Vendor application (dry run)', () => {
  const { template, directoryContents } = loadTemplate('vendor-application');
  const ws = templateWorkspace();
  let server: Awaited<ReturnType<typeof startScaffolder>>['server'];

  beforeEach(async () => {
    ({ server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: {},
    }));
  });

  it('builds the manifest from the chart, the version, the environments and the values', async () => {
    const res = await dryRun(server, { template, values, directoryContents });
    expect(res.status).toBe(200);

    const parsed = parseManifest(manifestOf(res.body.output), {
      path: 'apps/storefront/storefront-cache.yaml',
      environments: ENVIRONMENTS,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.manifest?.manifest).toEqual({
      apiVersion: 'slipway.dev/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'storefront-cache',
        description: 'Caches product pages',
      },
      spec: {
        type: 'vendor',
        owner: 'group:default/storefront',
        system: 'storefront',
        chart: {
          repository: 'oci://registry-1.docker.io/bitnamicharts',
          name: 'redis',
        },
        values: { architecture: 'standalone', auth: { enabled: true } },
        environments: {
          dev: { version: '19.6.4' },
          staging: { version: '19.6.4' },
        },
      },
    });
    expect(res.body.output.text[0].content).toBe(
      '**Manifest**: `apps/storefront/storefront-cache.yaml` in the GitOps repository: a dry run, nothing was written.\n',
    );
    expect(logOf(res.body)).toContain(
      'apps/storefront/storefront-cache.yaml is valid and storefront-cache is free',
    );
    expect(ws.gitops.head()).toBe(ws.seeded);
  });

  it('takes no values at all', async () => {
    const res = await dryRun(server, {
      template,
      values: { ...values, values: '' },
      directoryContents,
    });
    expect(res.status).toBe(200);
    expect(manifestOf(res.body.output)).not.toContain('values:');
  });

  it('fails with a clear message when the values are not a YAML mapping', async () => {
    const res = await dryRun(server, {
      template,
      values: { ...values, values: 'replicaCount 3' },
      directoryContents,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'values: must be a YAML mapping of Helm values, such as `replicaCount: 2`',
    );
  });

  it('refuses a chart repository that is neither https nor oci, and an unknown environment', async () => {
    const res = await dryRun(server, {
      template,
      values: {
        ...values,
        chartRepository: 'ftp://charts.example.com',
        environments: ['qa'],
      },
      directoryContents,
    });
    expect(res.status).toBe(400);
    const errors = JSON.stringify(res.body.errors);
    expect(errors).toContain('chartRepository');
    expect(errors).toContain('is not one of enum values: dev,staging,prod');
  });
});
