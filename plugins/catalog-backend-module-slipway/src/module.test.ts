import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  LocalGitRepository,
  serviceManifest,
} from '@slipway/backstage-plugin-slipway-node/testing';
import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { SLIPWAY_GITOPS_CHANGED_TOPIC } from '@slipway/backstage-plugin-slipway-node';
import { catalogModuleSlipway } from './module';

/** The test backend's scheduler runs tasks once at start; later reads come from Slipway's change events. */
let events: EventsService;
const captureEvents = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-events',
  register(reg) {
    reg.registerInit({
      deps: { service: eventsServiceRef },
      async init({ service }) {
        events = service;
      },
    });
  },
});

jest.setTimeout(90_000);

const system = (name: string) =>
  `apiVersion: slipway.dev/v1alpha1\nkind: System\nmetadata: { name: ${name}, title: ${name} }\nspec: { owner: group:payments }\n`;

const withDatabase = (name: string) =>
  `${serviceManifest(
    name,
  )}  components:\n    - { name: ${name}-db, type: postgres, database: ${name.replace(
    /-/g,
    '_',
  )} }\n`;

async function startCatalog(gitopsUrl: string) {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleSlipway,
      captureEvents,
      // Requests without credentials are refused, as in a real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          catalog: { processingInterval: { seconds: 1 } },
          slipway: {
            environments: [
              { name: 'dev' },
              { name: 'staging' },
              { name: 'prod', production: true, argocd: { instance: 'main' } },
            ],
            argocd: {
              instances: [
                { name: 'main', url: 'https://argocd.example.com', token: 'x' },
              ],
            },
            gitops: { url: gitopsUrl, refreshSeconds: 1 },
          },
        },
      }),
    ],
  });
  return server;
}

async function query(server: any, filter: string) {
  const res = await request(server)
    .get(`/api/catalog/entities/by-query?filter=${filter}`)
    .set('Authorization', mockCredentials.user.header());
  return res.body.items as any[];
}

async function eventually<T>(
  fn: () => Promise<T>,
  ok: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 300));
  }
}

const names = (items: any[]) => items.map(i => i.metadata.name).sort();

describe('catalogModuleSlipway', () => {
  let repository: LocalGitRepository;
  afterEach(() => repository?.remove());

  it('emits systems, applications and their resources from a git repository, and follows its commits', async () => {
    repository = new LocalGitRepository();
    repository.commit({
      'systems/payments.yaml': system('payments'),
      'apps/checkout.yaml': withDatabase('checkout'),
      'apps/billing.yaml': serviceManifest('billing'),
      'broken/old.yaml':
        'apiVersion: slipway.dev/v1alpha1\nkind: Application\nmetadata: { name: Old }\n',
    });
    const server = await startCatalog(repository.remote);

    const components = await eventually(
      () => query(server, 'kind=component'),
      items => items.length === 2,
    );
    expect(names(components)).toEqual(['billing', 'checkout']);
    const checkout = components.find(c => c.metadata.name === 'checkout');
    expect(checkout.spec).toMatchObject({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      dependsOn: ['resource:default/checkout-db'],
      slipway: {
        manifestPath: 'apps/checkout.yaml',
        environments: {
          dev: { version: '1.1.0' },
          staging: { version: '1.0.0' },
          prod: { version: '0.9.0' },
        },
        components: [
          { name: 'checkout-db', type: 'postgres', database: 'checkout' },
        ],
      },
    });
    expect(checkout.metadata.annotations).toMatchObject({
      'slipway.dev/manifest-path': 'apps/checkout.yaml',
      'backstage.io/kubernetes-id': 'checkout',
      'argocd/app-name': 'checkout-prod',
      'argocd/instance-name': 'main',
      'grafana/dashboard-selector': "tags @> 'app:checkout'",
    });
    expect(
      checkout.metadata.annotations['backstage.io/managed-by-location'],
    ).toMatch(/^slipway-gitops:file:\/\/.*#main:apps\/checkout.yaml$/);
    // The catalog stitches each entity on its own, and the provider saves its report after handing them over.
    expect(
      names(
        await eventually(
          () => query(server, 'kind=resource'),
          items => items.length === 1,
        ),
      ),
    ).toEqual(['checkout-db']);
    expect(
      names(
        await eventually(
          () => query(server, 'kind=system'),
          items => items.length === 1,
        ),
      ),
    ).toEqual(['payments']);

    const report = await eventually(
      () =>
        request(server)
          .get('/api/catalog/slipway/manifest-report')
          .set('Authorization', mockCredentials.user.header()),
      res => res.body.reports?.length === 1,
    );
    expect(report.status).toBe(200);
    expect(report.body.reports).toEqual([
      expect.objectContaining({
        provider: 'slipway-manifests',
        revision: repository.head(),
        applications: 2,
        systems: 1,
        problems: [
          {
            path: 'broken/old.yaml',
            line: 1,
            column: 1,
            field: 'spec',
            severity: 'error',
            message: 'required, but missing',
          },
          expect.objectContaining({
            path: 'broken/old.yaml',
            line: 3,
            field: 'metadata.name',
            severity: 'error',
          }),
        ],
      }),
    ]);
    expect(
      (await request(server).get('/api/catalog/slipway/manifest-report'))
        .status,
    ).toBe(401);

    // A version changes, an application is deleted, another is added, and the broken file is fixed.
    repository.commit({
      'apps/checkout.yaml': null,
      'apps/billing.yaml': serviceManifest('billing', {
        versions: { dev: '2.0.0' },
      }),
      'apps/cart.yaml': serviceManifest('cart'),
      'broken/old.yaml': null,
    });
    await events.publish({
      topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
      eventPayload: { revision: repository.head() },
    });
    const after = await eventually(
      () => query(server, 'kind=component'),
      items =>
        names(items).join() === 'billing,cart' &&
        items.find(i => i.metadata.name === 'billing')?.spec.slipway
          .environments.dev.version === '2.0.0',
    );
    expect(names(after)).toEqual(['billing', 'cart']);
    expect(
      after.find(i => i.metadata.name === 'billing').spec.slipway.environments,
    ).toEqual({
      dev: { version: '2.0.0' },
    });
    expect(await query(server, 'kind=resource')).toEqual([]);
    const fixed = await eventually(
      async () =>
        (
          await request(server)
            .get('/api/catalog/slipway/manifest-report')
            .set('Authorization', mockCredentials.user.header())
        ).body,
      body => body.reports[0].problems.length === 0,
    );
    expect(fixed.reports[0]).toMatchObject({ applications: 2, problems: [] });
  });

  it('reads a plain folder of manifests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-folder-'));
    try {
      mkdirSync(join(dir, 'apps'));
      writeFileSync(join(dir, 'apps', 'a.yaml'), serviceManifest('folder-app'));
      const server = await startCatalog(dir);
      const components = await eventually(
        () => query(server, 'kind=component'),
        items => items.length === 1,
      );
      expect(names(components)).toEqual(['folder-app']);
      expect(
        components[0].metadata.annotations['backstage.io/managed-by-location'],
      ).toBe(`file:${join(dir, 'apps', 'a.yaml')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the catalog as it was and reports why when the repository cannot be read', async () => {
    const server = await startCatalog('/nonexistent/gitops.git');
    const report = await eventually(
      async () =>
        (
          await request(server)
            .get('/api/catalog/slipway/manifest-report')
            .set('Authorization', mockCredentials.user.header())
        ).body,
      body => body.reports?.length === 1,
    );
    // A misconfigured install (docs/install.md): the backend starts, and the error names the setting to fix.
    expect(report.reports[0].error).toMatch(
      /^Could not read the GitOps repository file:\/\/\/nonexistent\/gitops\.git@main \(slipway\.gitops\.url\): git clone failed/,
    );
    expect(await query(server, 'kind=component')).toEqual([]);
  });
});
