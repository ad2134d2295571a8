import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SlipwayClient } from './SlipwayClient';

describe('SlipwayClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SlipwayClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backend/api/${id}`,
    },
    fetchApi: { fetch: (input: any, init?: any) => fetch(input, init) },
  });

  it('asks the backend for an application, encoding its name', async () => {
    server.use(
      http.get(
        'http://backend/api/slipway/applications/default/my%20app/environments',
        () =>
          HttpResponse.json({
            application: { name: 'my app' },
            environments: [],
          }),
      ),
    );
    expect(
      await client.getApplicationEnvironments({
        namespace: 'default',
        name: 'my app',
      }),
    ).toEqual({
      application: { name: 'my app' },
      environments: [],
    });
  });

  it('reads the manifest report from the catalog', async () => {
    server.use(
      http.get('http://backend/api/catalog/slipway/manifest-report', () =>
        HttpResponse.json({ reports: [] }),
      ),
    );
    expect(await client.getManifestReports()).toEqual([]);
  });

  it('throws the backend error message', async () => {
    server.use(
      http.get('http://backend/api/slipway/environments', () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'nope' },
            request: { method: 'GET', url: '/api/slipway/environments' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getEnvironments()).rejects.toMatchObject({
      message: 'Request failed with 403 Forbidden',
      cause: { name: 'NotAllowedError', message: 'nope' },
    });
  });
});
