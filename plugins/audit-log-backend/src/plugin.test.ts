import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { auditLogAuditorServiceFactory } from './auditor/auditorServiceFactory';
import { auditLogPlugin } from './plugin';

jest.setTimeout(120_000);

/** A plugin whose one route is guarded by an audit event, like any plugin's mutation. */
function createProbePlugin(options: {
  meta?: Record<string, any>;
  errorMessage?: string;
  onAction?: () => void;
}) {
  return createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: {
          auditor: coreServices.auditor,
          router: coreServices.httpRouter,
        },
        async init({ auditor, router }) {
          const routes = Router();
          routes.post('/act', async (req, res) => {
            const event = await auditor.createEvent({
              eventId: 'act',
              severityLevel: 'high',
              request: req,
              meta: options.meta,
            });
            options.onAction?.();
            if (options.errorMessage) {
              await event.fail({ error: new Error(options.errorMessage) });
              res.status(409).json({});
              return;
            }
            await event.success({ meta: { done: true } });
            res.json({ ok: true });
          });
          router.use(routes);
        },
      });
    },
  });
}

describe('the audit-log plugin with its auditor', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'stores the events of a real catalog call, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          // Each plugin on its own database of the kind under test, as in a real backend.
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'audit-log'
                  ? knex
                  : databases.init(databaseId),
            }),
          }),
          auditLogAuditorServiceFactory,
          auditLogPlugin,
          catalogPlugin,
        ],
      });

      await request(server)
        .post('/api/catalog/refresh')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ entityRef: 'Component:default/Checkout-API' });

      const { body } = await request(server)
        .get('/api/audit-log/events')
        .query({ entityRef: 'component:default/checkout-api' })
        .set('Authorization', mockCredentials.user.header('user:default/carol'))
        .expect(200);
      expect(body.items).toHaveLength(2);
      const [outcome, initiated] = body.items;
      expect(initiated).toMatchObject({
        plugin: 'catalog',
        eventId: 'entity-mutate',
        severity: 'medium',
        status: 'initiated',
        actor: { type: 'user', id: 'user:default/alice' },
        request: { method: 'POST', url: '/api/catalog/refresh' },
        entityRefs: ['component:default/checkout-api'],
        meta: {
          queryType: 'refresh',
          entityRef: 'Component:default/Checkout-API',
        },
      });
      // The entity does not exist, so the catalog reports a failure; either way the outcome is linked.
      expect(['succeeded', 'failed']).toContain(outcome.status);
      expect(outcome.operationId).toBe(initiated.operationId);
      expect(outcome.seq).toBe(initiated.seq + 1);
      expect(outcome.prevHash).toBe(initiated.hash);

      // Catalog reads by the audit-log plugin's own lookups are events too; the chain holds them all.
      const rows = await knex('audit_events').select('plugin_id');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const { body: verification } = await request(server)
        .post('/api/audit-log/verification')
        .set('Authorization', mockCredentials.user.header('user:default/carol'))
        .expect(200);
      expect(verification).toMatchObject({ ok: true });
    },
  );

  it.each(databases.eachSupportedId())(
    'never stores a secret: keys, patterns, config secrets, URLs and errors, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              auditLog: { redaction: { patterns: ['canary-pattern-\\d+'] } },
              // A value the config schema marks `@visibility secret`.
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: {
                        token: 'canary-config-secret-4',
                        subject: 'ci',
                      },
                    },
                  ],
                },
              },
            },
          }),
          auditLogAuditorServiceFactory,
          auditLogPlugin,
          createProbePlugin({
            meta: {
              password: 'canary-password-1',
              connection: {
                apiKey: 'canary-api-key-2',
                Client_Secret: ['canary-3'],
              },
              note: 'rotated canary-pattern-3333 today',
              echo: 'the token is canary-config-secret-4, really',
              header: 'Bearer canaryBearerToken5abc',
              environment: 'prod',
            },
            errorMessage: 'login failed for canary-config-secret-4',
          }),
        ],
      });

      await request(server)
        .post('/api/probe/act?token=canary-query-6&page=2')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .set('User-Agent', 'curl canary-pattern-77')
        .expect(409);

      const rows = await knex('audit_events').select();
      expect(rows.length).toBe(2);
      expect(JSON.stringify(rows)).not.toMatch(/canary/i);
      const stored = rows.find(row => row.status === 'failed');
      expect(JSON.parse(stored.meta)).toEqual({
        password: '[REDACTED]',
        connection: { apiKey: '[REDACTED]', Client_Secret: '[REDACTED]' },
        note: 'rotated [REDACTED] today',
        echo: 'the token is [REDACTED], really',
        header: '[REDACTED]',
        environment: 'prod',
      });
      expect(stored.request_url).toBe(
        '/api/probe/act?token=%5BREDACTED%5D&page=2',
      );
      expect(stored.error_message).toBe('login failed for [REDACTED]');
      expect(stored.environment).toBe('prod');
    },
  );

  it.each(databases.eachSupportedId())(
    'fails the guarded action, without running it, when the audit log cannot be written, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let actions = 0;
      const { server } = await startTestBackend({
        features: [
          mockServices.database.factory({ knex }),
          auditLogAuditorServiceFactory,
          auditLogPlugin,
          createProbePlugin({ onAction: () => (actions += 1) }),
        ],
      });
      const act = () =>
        request(server)
          .post('/api/probe/act')
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/alice'),
          );

      await knex.schema.renameTable('audit_events', 'audit_events_offline');
      await act().expect(500);
      expect(actions).toBe(0);

      await knex.schema.renameTable('audit_events_offline', 'audit_events');
      await act().expect(200);
      expect(actions).toBe(1);
      expect(await knex('audit_events').pluck('status')).toEqual([
        'initiated',
        'succeeded',
      ]);
    },
  );
});

describe('events reported while the backend starts', () => {
  it('wait for the store and are stored in order', async () => {
    const early = createBackendPlugin({
      pluginId: 'early',
      register(env) {
        env.registerInit({
          deps: { auditor: coreServices.auditor },
          async init({ auditor }) {
            const event = await auditor.createEvent({ eventId: 'boot' });
            await event.success();
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [auditLogAuditorServiceFactory, early, auditLogPlugin],
    });
    const { body } = await request(server)
      .get('/api/audit-log/events?plugin=early')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expect(body.items.map((e: any) => [e.eventId, e.status])).toEqual([
      ['boot', 'succeeded'],
      ['boot', 'initiated'],
    ]);
    expect(body.items[0].actor).toEqual({
      type: 'service',
      id: 'plugin:early',
    });
  });

  it('fail with a clear error when the audit-log plugin is not installed', async () => {
    let reported: Promise<unknown> | undefined;
    const lonely = createBackendPlugin({
      pluginId: 'lonely',
      register(env) {
        env.registerInit({
          deps: { auditor: coreServices.auditor },
          async init({ auditor }) {
            reported = auditor.createEvent({ eventId: 'boot' });
            reported.catch(() => {});
          },
        });
      },
    });
    await startTestBackend({
      features: [auditLogAuditorServiceFactory, lonely],
    });
    await expect(reported).rejects.toThrow(
      'the audit-log backend plugin (@slipway/backstage-plugin-audit-log-backend) is not installed or did not start',
    );
  });
});
