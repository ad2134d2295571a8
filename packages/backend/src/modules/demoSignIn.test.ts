import authPlugin from '@backstage/plugin-auth-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import demoSignInModule, { DEMO_USER_HEADER } from './demoSignIn';

const alice = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    memberOf: ['payments'],
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
  },
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
};

async function startAuthBackend(environment: string) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      demoSignInModule,
      catalogServiceMock.factory({ entities: [alice] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment, providers: { demo: {} } },
        },
      }),
    ],
  });
  return server;
}

function refresh(server: any, userName?: string) {
  const req = request(server)
    .get('/api/auth/demo/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return userName ? req.set(DEMO_USER_HEADER, userName) : req;
}

function claims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('demo sign-in provider', () => {
  it('signs in as a catalog user with their group memberships', async () => {
    const server = await startAuthBackend('development');
    const res = await refresh(server, 'alice');
    expect(res.status).toBe(200);
    const identity = res.body.backstageIdentity.identity;
    expect(identity.userEntityRef).toBe('user:default/alice');
    expect(identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining(['user:default/alice', 'group:default/payments']),
    );
    expect(res.body.profile).toEqual({
      displayName: 'Alice Andersen',
      email: 'alice@acme.example',
    });
    expect(claims(res.body.backstageIdentity.token).sub).toBe(
      'user:default/alice',
    );
  });

  it('refuses a name that is not in the catalog', async () => {
    const server = await startAuthBackend('development');
    const res = await refresh(server, 'mallory');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/mallory|not found/i);
  });

  it('refuses a missing or malformed name with 400', async () => {
    const server = await startAuthBackend('development');
    for (const name of [undefined, 'Alice Smith', '../admin', 'a'.repeat(64)]) {
      const res = await refresh(server, name);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(DEMO_USER_HEADER);
    }
  });

  it('refuses to work outside development', async () => {
    const server = await startAuthBackend('production');
    const res = await refresh(server, 'alice');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('auth.environment');
  });
});
