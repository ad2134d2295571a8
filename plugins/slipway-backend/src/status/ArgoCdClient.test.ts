import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { argoApplication } from '../__testUtils__/entities';
import { ArgoCdClient } from './ArgoCdClient';

const ARGO = 'https://argocd.example.com';

describe('ArgoCdClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new ArgoCdClient(
    { name: 'main', url: ARGO, token: 'argo-token-canary' },
    300,
  );
  const image = { image: 'registry.example.com/checkout' };

  const answer = (response: () => Response | Promise<Response>) =>
    server.use(
      http.get(
        `${ARGO}/api/v1/applications/checkout-prod`,
        async ({ request }) => {
          expect(request.headers.get('authorization')).toBe(
            'Bearer argo-token-canary',
          );
          return response();
        },
      ),
    );

  it('reads sync, health, the running image tag and the last sync', async () => {
    answer(() =>
      HttpResponse.json(
        argoApplication({
          images: [
            'docker.io/library/nginx:1.25',
            'registry.example.com/checkout:1.3.9',
          ],
          sync: 'OutOfSync',
          health: 'Degraded',
        }),
      ),
    );
    expect(await client.liveState('checkout-prod', image)).toEqual({
      state: 'known',
      sync: 'OutOfSync',
      health: 'Degraded',
      version: '1.3.9',
      revision: 'abc123',
      syncedAt: '2026-11-20T10:00:00Z',
    });
  });

  it('reads the chart version of a vendor application', async () => {
    answer(() =>
      HttpResponse.json(
        argoApplication({ chart: { name: 'redis', version: '19.5.2' } }),
      ),
    );
    expect(
      await client.liveState('checkout-prod', { chart: { name: 'redis' } }),
    ).toMatchObject({
      state: 'known',
      version: '19.5.2',
    });
  });

  const failures: Array<[string, () => Response | Promise<Response>, RegExp]> =
    [
      [
        'a missing application',
        () =>
          HttpResponse.json({ error: 'not found', code: 5 }, { status: 404 }),
        /has no application "checkout-prod" that this token may read \(HTTP 404\)/,
      ],
      [
        'a forbidden application',
        () =>
          HttpResponse.json(
            { error: 'permission denied', code: 7 },
            { status: 403 },
          ),
        /HTTP 403/,
      ],
      [
        'a refused token',
        () => new HttpResponse(null, { status: 401 }),
        /refused the token \(HTTP 401\)/,
      ],
      [
        'a server error',
        () => HttpResponse.text('oops', { status: 502 }),
        /answered HTTP 502/,
      ],
      [
        'garbage',
        () => HttpResponse.text('<html>', { status: 200 }),
        /not JSON/,
      ],
      [
        'no answer in time',
        async () => {
          await delay(2000);
          return HttpResponse.json({});
        },
        /did not answer within 300 ms/,
      ],
      ['a network error', () => HttpResponse.error(), /is unreachable/],
    ];

  it.each(failures)(
    'reports %s as unknown, with the reason',
    async (_name, response, reason) => {
      answer(response);
      const state = await client.liveState('checkout-prod', image);
      expect(state.state).toBe('unknown');
      expect(state.reason).toMatch(reason);
      expect(state.reason).toContain('Argo CD (main)');
      expect(JSON.stringify(state)).not.toContain('argo-token-canary');
    },
  );

  it('links to the application in Argo CD', () => {
    expect(client.applicationUrl('checkout prod')).toBe(
      `${ARGO}/applications/checkout%20prod`,
    );
  });
});
