import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  auditLogChainVerifyPermission,
  auditLogEventReadPermission,
} from '@slipway/backstage-plugin-audit-log-common';
import request from 'supertest';
import { authWithActorsServiceFactory } from '../__testUtils__/authWithActors';
import { startAuditLogBackend } from '../__testUtils__/backend';
import { makeRecord } from '../__testUtils__/records';
import {
  auditLogEventConditions,
  createAuditLogEventConditionalDecision,
} from './conditions';

jest.setTimeout(60_000);

/**
 * The kind of policy a platform writes: admins read everything, owners read the events about what they own, one
 * person reads their own actions and the scaffolder's, one reads nothing.
 */
class TestPolicy implements PermissionPolicy {
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const me = user?.info.userEntityRef;
    if (me === 'user:default/carol') {
      return { result: AuthorizeResult.ALLOW } as const;
    }
    if (
      query.permission.name !== auditLogEventReadPermission.name ||
      me === 'user:default/bob'
    ) {
      return { result: AuthorizeResult.DENY } as const;
    }
    if (me === 'user:default/dave') {
      return createAuditLogEventConditionalDecision(
        auditLogEventReadPermission,
        {
          anyOf: [
            auditLogEventConditions.isByActor({ actorIds: [me] }),
            auditLogEventConditions.isFromPlugin({ pluginIds: ['scaffolder'] }),
          ],
        },
      );
    }
    return createAuditLogEventConditionalDecision(
      auditLogEventReadPermission,
      auditLogEventConditions.isAboutEntityOwnedBy({
        claims: user?.info.ownershipEntityRefs ?? [],
      }),
    );
  }
}

const entity = (kind: string, name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** 1: about alice's component, 2: about a system of another team, 3: about nothing, by dave; 4: the scaffolder's. */
const records = [
  makeRecord({
    entityRefs: ['component:default/checkout-api'],
    actor: { type: 'user', id: 'user:default/erin' },
  }),
  makeRecord({
    entityRefs: ['system:default/storefront'],
    actor: { type: 'user', id: 'user:default/erin' },
  }),
  makeRecord({
    entityRefs: [],
    actor: { type: 'user', id: 'user:default/dave' },
  }),
  makeRecord({
    plugin: 'scaffolder',
    entityRefs: [],
    actor: { type: 'service', id: 'plugin:scaffolder' },
  }),
];

describe('permissions through the permission framework', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: Parameters<typeof databases.init>[0]) {
    return startAuditLogBackend({
      databases,
      databaseId,
      records,
      features: [
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
        permissionsServiceFactory,
        // Real HTTP authentication on top of the mock tokens, so the auth service below is what reads them.
        httpAuthServiceFactory,
        authWithActorsServiceFactory,
        permissionPlugin,
        createBackendModule({
          pluginId: 'permission',
          moduleId: 'test-policy',
          register(env) {
            env.registerInit({
              deps: { policy: policyExtensionPoint },
              async init({ policy }) {
                policy.setPolicy(new TestPolicy());
              },
            });
          },
        }),
        catalogServiceMock.factory({
          entities: [
            entity('Component', 'checkout-api', 'user:default/alice'),
            entity('System', 'storefront', 'group:default/storefront'),
          ],
        }),
      ],
    });
  }

  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);

  it.each(databases.eachSupportedId())(
    'lets admins read everything and owners only the events about what they own, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const seqs = async (user: string, query = '') => {
        const { body } = await request(server)
          .get(`/api/audit-log/events?plugin=catalog${query}`)
          .set('Authorization', as(user))
          .expect(200);
        return body.items.map((e: any) => e.seq);
      };

      expect(await seqs('carol')).toEqual([3, 2, 1]);
      expect(await seqs('alice')).toEqual([1]);
      expect(
        await seqs('alice', '&entityRef=system:default/storefront'),
      ).toEqual([]);

      await request(server)
        .get('/api/audit-log/events/1')
        .set('Authorization', as('alice'))
        .expect(200);
      await request(server)
        .get('/api/audit-log/events/2')
        .set('Authorization', as('alice'))
        .expect(404);

      // Suggestions name only who acted in events the reader may see.
      const suggestions = async (user: string) =>
        (
          await request(server)
            .get('/api/audit-log/suggestions')
            .set('Authorization', as(user))
            .expect(200)
        ).body;
      expect(await suggestions('alice')).toEqual({
        actors: [{ type: 'user', id: 'user:default/erin' }],
        actions: [{ plugin: 'catalog', eventId: 'entity-mutate' }],
      });
      expect((await suggestions('carol')).actors).toEqual([
        { type: 'service', id: 'plugin:scaffolder' },
        { type: 'user', id: 'user:default/dave' },
        { type: 'user', id: 'user:default/erin' },
      ]);

      const exported = await request(server)
        .get('/api/audit-log/export?format=ndjson')
        .set('Authorization', as('alice'))
        .expect(200);
      expect(
        exported.text
          .trimEnd()
          .split('\n')
          .map(line => JSON.parse(line).seq),
      ).toEqual([1]);
    },
  );

  it.each(databases.eachSupportedId())(
    'combines conditions as the policy says, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const { body } = await request(server)
        .get('/api/audit-log/events')
        .set('Authorization', as('dave'))
        .expect(200);
      expect(body.items.map((e: any) => e.seq)).toEqual([4, 3]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses readers the policy denies, and verification to all but admins, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      for (const path of [
        '/events',
        '/events/1',
        '/export?format=csv',
        '/suggestions',
      ]) {
        const { body } = await request(server)
          .get(`/api/audit-log${path}`)
          .set('Authorization', as('bob'))
          .expect(403);
        expect(body.error.name).toBe('NotAllowedError');
      }
      await request(server)
        .post('/api/audit-log/verification')
        .set('Authorization', as('alice'))
        .expect(403);
      await request(server)
        .get('/api/audit-log/verification')
        .set('Authorization', as('alice'))
        .expect(403);
      await request(server)
        .post('/api/audit-log/verification')
        .set('Authorization', as('carol'))
        .expect(200);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers authorize requests about one event with the owners from the catalog, on %p',
    async databaseId => {
      const { server } = await start(databaseId);
      const { body } = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', as('alice'))
        .send({
          items: ['1', '2', '3', '99'].map(resourceRef => ({
            id: resourceRef,
            permission: auditLogEventReadPermission,
            resourceRef,
          })),
        })
        .expect(200);
      expect(body.items.map((i: any) => [i.id, i.result])).toEqual([
        ['1', AuthorizeResult.ALLOW],
        ['2', AuthorizeResult.DENY],
        ['3', AuthorizeResult.DENY],
        ['99', AuthorizeResult.DENY],
      ]);
      const verify = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', as('carol'))
        .send({
          items: [{ id: 'v', permission: auditLogChainVerifyPermission }],
        })
        .expect(200);
      expect(verify.body.items[0].result).toBe(AuthorizeResult.ALLOW);
    },
  );
});
