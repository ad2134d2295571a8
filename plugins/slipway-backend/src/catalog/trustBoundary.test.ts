import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import request from 'supertest';
import { stringify } from 'yaml';
import { applicationEntity } from '../__testUtils__/entities';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';
import { applicationWithDatabase } from '../dbcopy/__testUtils__/copyContext';
import {
  describeWithPostgres,
  sql,
  testServersConfig,
} from '../dbcopy/__testUtils__/postgres';

jest.setTimeout(120_000);

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

/**
 * Registered locations may be files here; in a real portal they are URLs of a repository the attacker can write,
 * which the catalog stamps the same way (`backstage.io/managed-by-location: url:…`).
 */
const fileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

/**
 * The attack of issue 11: bob (storefront) registers, from a repository of his own, a Component owned by his team
 * that names payments' manifest and payments' database, with a forged location annotation. Backstage's real catalog
 * and Slipway's catalog module run; nothing of what the entity says may make Slipway act on payments' application.
 */
describeWithPostgres('an impostor entity registered in the catalog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-impostor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused every action, with the reason; nothing is written, copied or run', async () => {
    const gitops = new TestGitOps();
    const slipway = await startSlipwayBackend({
      catalog: 'real',
      features: [fileLocations],
      gitops,
      entities: [
        applicationWithDatabase('checkout'),
        applicationEntity('shop', {
          owner: 'group:default/storefront',
          system: 'system:default/storefront',
        }),
      ],
      slipway: {
        environments: [
          { name: 'dev', actions: { restart: { executor: 'test' } } },
          { name: 'staging', actions: { restart: { executor: 'test' } } },
          { name: 'prod', production: true },
        ],
        databases: { servers: testServersConfig('dev', 'prod') },
      },
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async () => ({ summary: 'restarted' }),
        },
      ],
    });
    const { server } = slipway;
    const catalogEntity = async (name: string) =>
      request(server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', as('bob'));
    const until = async (name: string) => {
      for (;;) {
        const res = await catalogEntity(name);
        if (res.status === 200) return res.body;
        await new Promise(r => setTimeout(r, 100));
      }
    };

    // The real application, as the catalog module made it.
    const checkout = await until('checkout');
    const checkoutLocation =
      checkout.metadata.annotations['backstage.io/managed-by-location'];
    expect(checkoutLocation).toBe(gitops.locationRef('apps/checkout.yaml'));

    // Bob's copy of it: his team's, payments' manifest path and database, payments' location claimed.
    const impostor = applicationWithDatabase('checkout', 'checkout-api-mirror');
    impostor.metadata.annotations = {
      ...impostor.metadata.annotations,
      'slipway.dev/manifest-path': 'apps/checkout.yaml',
      'backstage.io/managed-by-location': checkoutLocation,
    };
    delete impostor.relations;
    (impostor.spec as any).owner = 'group:default/storefront';
    (impostor.spec as any).slipway.manifestPath = 'apps/checkout.yaml';
    const file = join(dir, 'catalog-info.yaml');
    writeFileSync(file, stringify(impostor));
    const registered = await request(server)
      .post('/api/catalog/locations')
      .set('Authorization', as('bob'))
      .send({ type: 'file', target: file });
    expect(registered.status).toBe(201);

    // The catalog keeps the entity, but says where it was really read from.
    const mirror = await until('checkout-api-mirror');
    expect(
      mirror.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(`file:${file}`);
    expect(mirror.spec.slipway.components[0].database).toBe('checkout');

    // Every button says why not.
    const actions = await slipway.get(
      'bob',
      '/applications/default/checkout-api-mirror/actions',
    );
    expect(actions.status).toBe(200);
    const offered = actions.body.actions as any[];
    const reason = offered[0].reason;
    expect(reason).toMatch(
      /^Slipway acts only on applications made from a manifest in its GitOps repository \(file:\/\/\/.+\): no manifest there declares checkout-api-mirror title$/,
    );
    expect(new Set(offered.map(a => a.action))).toEqual(
      new Set([
        'restart',
        'promote',
        'rollback',
        'sync',
        'pause',
        'resume',
        'db-copy',
      ]),
    );
    for (const action of offered)
      expect(action).toMatchObject({ allowed: false, reason });

    // And every request is refused with it, recorded as refused.
    const head = gitops.head();
    const databasesBefore = await copies();
    for (const [action, environment, parameters] of [
      ['promote', 'staging', {}],
      ['promote', 'prod', {}],
      ['db-copy', 'dev', { masking: false }],
      ['restart', 'dev', {}],
      ['pause', 'dev', {}],
    ] as const) {
      const res = await slipway.post('bob', {
        action,
        entityRef: 'component:default/checkout-api-mirror',
        environment,
        parameters,
        idempotencyKey: key(),
      });
      expect({
        action,
        status: res.status,
        message: res.body.error?.message,
      }).toEqual({ action, status: 403, message: reason });
    }
    expect(gitops.head()).toBe(head);
    expect(await copies()).toEqual(databasesBefore);
    const runs = await slipway.get(
      'bob',
      '/runs?entityRef=component:default/checkout-api-mirror',
    );
    expect(runs.body.items).toEqual([]);
    expect(
      auditEvents.filter(
        e =>
          e.eventId === 'slipway-run-request' &&
          e.outcome === 'fail' &&
          e.error === reason &&
          e.meta?.entityRef === 'component:default/checkout-api-mirror',
      ),
    ).toHaveLength(5);

    // The real application is still served, to its owners.
    const own = await slipway.get(
      'alice',
      '/applications/default/checkout/actions',
    );
    expect(
      own.body.actions.find(
        (a: any) => a.action === 'promote' && a.environment === 'staging',
      ),
    ).toMatchObject({ allowed: true });
  });
});

describeWithPostgres('a database two manifests declare', () => {
  it('is copied by neither application, and both are told why', async () => {
    const storefront = applicationWithDatabase('checkout', 'shop');
    (storefront.spec as any).owner = 'group:default/storefront';
    (storefront.spec as any).slipway.components[0].name = 'shop-db';
    const slipway = await startSlipwayBackend({
      entities: [applicationWithDatabase('checkout'), storefront],
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async () => ({ summary: 'restarted' }),
        },
      ],
      slipway: { databases: { servers: testServersConfig('dev', 'prod') } },
    });
    const reason =
      'The manifests of checkout and shop both declare the database checkout; a database belongs to one application, so no copy is made of it until only one of them declares it';
    const before = await copies();
    for (const [user, name] of [
      ['alice', 'checkout'],
      ['bob', 'shop'],
    ]) {
      const actions = await slipway.get(
        user,
        `/applications/default/${name}/actions`,
      );
      expect(
        actions.body.actions.find(
          (a: any) => a.action === 'db-copy' && a.environment === 'dev',
        ),
      ).toMatchObject({ allowed: false, reason });
      const res = await slipway.post(user, {
        action: 'db-copy',
        entityRef: `component:default/${name}`,
        environment: 'dev',
        parameters: { masking: false },
        idempotencyKey: key(),
      });
      expect([res.status, res.body.error?.message]).toEqual([400, reason]);
    }
    expect(await copies()).toEqual(before);
  });
});

/** The copies on the test server (names start with the source database's). */
async function copies() {
  return (
    await sql<{ datname: string }>(
      'postgres',
      "SELECT datname FROM pg_database WHERE datname LIKE 'checkout%' ORDER BY 1",
    )
  ).map(row => row.datname);
}
