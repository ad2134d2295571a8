import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import { ENVIRONMENTS, templateWorkspace } from '../__testUtils__/gitops';
import {
  dryRun,
  loadTemplate,
  manifestOf,
  startScaffolder,
} from '../__testUtils__/scaffolderBackend';

jest.setTimeout(60_000);

const values = {
  name: 'orders-to-warehouse',
  title: 'Orders to warehouse',
  description: 'Loads yesterday’s orders into the warehouse',
  owner: 'group:default/data',
  system: 'system:default/analytics',
  image: 'registry.acme.example/data/orders-to-warehouse',
  version: '1.0.0',
  schedule: '30 2 * * *',
  environments: ['dev', 'prod'],
};

describe('template ETL job (dry run)', () => {
  const { template, directoryContents } = loadTemplate('etl-job');
  const ws = templateWorkspace();
  let server: Awaited<ReturnType<typeof startScaffolder>>['server'];

  beforeEach(async () => {
    ({ server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: {},
    }));
  });

  it('builds the manifest from the image, the tag, the schedule and the environments', async () => {
    const res = await dryRun(server, { template, values, directoryContents });
    expect(res.status).toBe(200);

    const parsed = parseManifest(manifestOf(res.body.output), {
      path: 'apps/analytics/orders-to-warehouse.yaml',
      environments: ENVIRONMENTS,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.manifest?.manifest).toEqual({
      apiVersion: 'slipway.dev/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'orders-to-warehouse',
        title: 'Orders to warehouse',
        description: 'Loads yesterday’s orders into the warehouse',
      },
      spec: {
        type: 'etl',
        owner: 'group:default/data',
        system: 'analytics',
        image: 'registry.acme.example/data/orders-to-warehouse',
        schedule: '30 2 * * *',
        environments: {
          dev: { version: '1.0.0' },
          prod: { version: '1.0.0' },
        },
      },
    });
    expect(ws.gitops.head()).toBe(ws.seeded);
  });

  it('refuses an image with a tag, and a schedule that is not cron, in the form', async () => {
    const res = await dryRun(server, {
      template,
      values: {
        ...values,
        image: 'registry.acme.example/data/orders-to-warehouse:1.0.0',
        schedule: 'every night',
      },
      directoryContents,
    });
    expect(res.status).toBe(400);
    const errors = JSON.stringify(res.body.errors);
    expect(errors).toContain('instance.image does not match pattern');
    expect(errors).toContain('instance.schedule does not match pattern');
  });

  it('fails with the parser message for a schedule the form lets through', async () => {
    // Five fields, so the form accepts it; the manifest parser knows that a step ("*/x") is a number.
    const res = await dryRun(server, {
      template,
      values: { ...values, schedule: '*/x 3 * * *' },
      directoryContents,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^The manifest is not valid:\napps\/analytics\/orders-to-warehouse\.yaml:\d+:\d+: error: spec\.schedule: must be a cron expression with five fields/,
    );
  });
});
