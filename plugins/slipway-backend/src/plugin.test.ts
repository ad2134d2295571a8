import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  applicationEntity,
  argoApplication,
  paymentsSystem,
} from './__testUtils__/entities';
import { slipwayPlugin } from './plugin';

const ARGO = 'https://argocd.example.com';

const plainComponent = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: {
    type: 'website',
    owner: 'group:default/web',
    lifecycle: 'production',
  },
};

async function startSlipway() {
  const { server } = await startTestBackend({
    features: [
      slipwayPlugin,
      catalogServiceMock.factory({
        entities: [
          applicationEntity('checkout'),
          applicationEntity('billing', { type: 'vendor' }),
          applicationEntity('ledger', {
            owner: 'user:default/mock',
            system: 'system:default/books',
          }),
          paymentsSystem,
          plainComponent,
        ],
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          slipway: {
            environments: [
              { name: 'dev' },
              { name: 'prod', production: true, argocd: { instance: 'main' } },
            ],
            argocd: {
              instances: [{ name: 'main', url: ARGO, token: 't' }],
              timeoutMs: 500,
            },
            gitops: { url: 'https://github.com/acme/gitops' },
          },
        },
      }),
    ],
  });
  return server;
}

describe('slipway backend: environments API', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);
  beforeEach(() =>
    msw.use(http.all(/127\.0\.0\.1|localhost/, () => passthrough())),
  );

  const get = (server: any, path: string) =>
    request(server)
      .get(`/api/slipway${path}`)
      .set('Authorization', mockCredentials.user.header());

  it('lists the environments in promotion order', async () => {
    const server = await startSlipway();
    const res = await get(server, '/environments');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      environments: [
        { name: 'dev', title: 'dev', production: false, order: 0 },
        { name: 'prod', title: 'prod', production: true, order: 1 },
      ],
    });
  });

  it("returns an application's environments with Argo CD's live state", async () => {
    msw.use(
      http.get(`${ARGO}/api/v1/applications/checkout-prod`, () =>
        HttpResponse.json(
          argoApplication({ images: ['registry.example.com/checkout:1.0.0'] }),
        ),
      ),
    );
    const server = await startSlipway();
    const res = await get(
      server,
      '/applications/default/checkout/environments',
    );
    expect(res.status).toBe(200);
    expect(res.body.application.manifestUrl).toBe(
      'https://github.com/acme/gitops/blob/main/apps/checkout.yaml',
    );
    expect(
      res.body.environments.map((e: any) => [
        e.name,
        e.live.state,
        e.live.version,
      ]),
    ).toEqual([
      ['dev', 'unknown', undefined],
      ['prod', 'known', '1.0.0'],
    ]);
  });

  it('still answers, with the reason, when Argo CD is too slow', async () => {
    msw.use(
      http.get(`${ARGO}/api/v1/applications/checkout-prod`, async () => {
        await delay(3000);
        return HttpResponse.json({});
      }),
    );
    const server = await startSlipway();
    const res = await get(
      server,
      '/applications/default/checkout/environments',
    );
    expect(res.status).toBe(200);
    expect(res.body.environments[1].live).toEqual({
      state: 'unknown',
      reason: 'Argo CD (main) did not answer within 500 ms',
    });
  });

  it("returns a system's applications × environments", async () => {
    msw.use(
      http.get(`${ARGO}/api/v1/applications/:name`, () =>
        HttpResponse.json(
          argoApplication({ chart: { name: 'redis', version: '1.0.0' } }),
        ),
      ),
    );
    const server = await startSlipway();
    const res = await get(server, '/systems/default/payments/environments');
    expect(res.status).toBe(200);
    expect(res.body.system).toBe('system:default/payments');
    expect(res.body.applications.map((a: any) => a.application.name)).toEqual([
      'billing',
      'checkout',
    ]);
  });

  it("returns the signed-in person's applications with their environments", async () => {
    const server = await startSlipway();
    const res = await get(server, '/applications?owner=me');
    expect(res.status).toBe(200);
    // The mock person owns ledger alone; checkout and billing belong to the payments team.
    expect(res.body.total).toBe(1);
    expect(
      res.body.applications.map((a: any) => [
        a.application.name,
        a.environments.map((e: any) => e.desired?.version),
      ]),
    ).toEqual([['ledger', ['1.1.0', '1.0.0']]]);
    expect(res.body.environments.map((e: any) => e.name)).toEqual([
      'dev',
      'prod',
    ]);
  });

  it('names every action with its title', async () => {
    const server = await startSlipway();
    const res = await get(server, '/actions');
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'promote', title: 'Promote' }),
        expect.objectContaining({ name: 'restart', title: 'Restart' }),
      ]),
    );
  });

  const errors: Array<[string, string, number, RegExp]> = [
    [
      "someone else's applications",
      '/applications?owner=bob',
      400,
      /must be equal to one of the allowed values/,
    ],
    [
      'applications without an owner',
      '/applications',
      400,
      /must have required property 'owner'/,
    ],
    [
      'too many applications at once',
      '/applications?owner=me&limit=500',
      400,
      /must be <= 50/,
    ],
    [
      'an unknown application',
      '/applications/default/nope/environments',
      404,
      /No application component:default\/nope/,
    ],
    [
      'a component without a manifest',
      '/applications/default/website/environments',
      404,
      /is not an application with a Slipway manifest/,
    ],
    [
      'an unknown system',
      '/systems/default/nope/environments',
      404,
      /No system system:default\/nope/,
    ],
    [
      'a malformed name',
      '/applications/default/bad%20name!/environments',
      400,
      /must match pattern/,
    ],
    [
      'an unknown query parameter',
      '/environments?debug=1',
      400,
      /Unknown query parameter/,
    ],
  ];

  it.each(errors)(
    'answers %s with %p',
    async (_name, path, status, message) => {
      const server = await startSlipway();
      const res = await get(server, path);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('refuses requests without credentials', async () => {
    const server = await startSlipway();
    const res = await request(server).get('/api/slipway/environments');
    expect(res.status).toBe(401);
  });

  it('serves its OpenAPI document', async () => {
    const server = await startSlipway();
    const res = await get(server, '/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(
      '/api/slipway/applications/{namespace}/{name}/environments',
    );
  });
});
