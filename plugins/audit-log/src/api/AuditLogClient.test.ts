import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { AuditLogClient } from './AuditLogClient';
import { makeEvent } from '../__testUtils__/events';

const baseUrl = 'http://backend.test/api/audit-log';

describe('AuditLogClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new AuditLogClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend.test' }),
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  it('lists events with the filters, cursor and page size in the query', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/events`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [makeEvent()], olderCursor: 'c2' });
      }),
    );
    const page = await client.listEvents({
      filters: { plugin: 'catalog', status: 'failed', text: ' ' },
      cursor: 'c1',
      limit: 25,
    });
    expect(page).toEqual({ items: [makeEvent()], olderCursor: 'c2' });
    expect(Object.fromEntries(url!.searchParams)).toEqual({
      plugin: 'catalog',
      status: 'failed',
      cursor: 'c1',
      limit: '25',
    });
  });

  it('throws a ResponseError with the server message on failure', async () => {
    server.use(
      http.get(`${baseUrl}/events/7`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No audit event 7' },
            request: { method: 'GET', url: '/events/7' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client.getEvent(7).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No audit event 7');
  });

  it('exports with the server file name', async () => {
    let format: string | null = null;
    server.use(
      http.get(`${baseUrl}/export`, ({ request }) => {
        format = new URL(request.url).searchParams.get('format');
        return new HttpResponse('seq,occurredAt\r\n1,2026\r\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="audit-log-x.csv"',
          },
        });
      }),
    );
    const { blob, fileName } = await client.exportEvents({
      filters: {},
      format: 'csv',
    });
    expect(format).toBe('csv');
    expect(fileName).toBe('audit-log-x.csv');
    expect(await blob.text()).toBe('seq,occurredAt\r\n1,2026\r\n');
  });

  it('asks for suggestions within the filters', async () => {
    let url: URL | undefined;
    const suggestions = {
      actors: [{ type: 'user', id: 'user:default/carol' }],
      actions: [{ plugin: 'catalog', eventId: 'entity-mutate' }],
    };
    server.use(
      http.get(`${baseUrl}/suggestions`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(suggestions);
      }),
    );
    expect(
      await client.getSuggestions({
        filters: {
          entityRef: 'component:default/checkout-api',
          minSeverity: 'medium',
        },
      }),
    ).toEqual(suggestions);
    expect(Object.fromEntries(url!.searchParams)).toEqual({
      entityRef: 'component:default/checkout-api',
      minSeverity: 'medium',
    });
  });

  it('reads and runs verifications', async () => {
    const result = {
      ok: true,
      verifiedAt: '2026-05-04T10:00:00.000Z',
      checkedEvents: 3,
      fromSeq: 1,
      toSeq: 3,
    };
    server.use(
      http.get(`${baseUrl}/verification`, () =>
        HttpResponse.json({ verification: null }),
      ),
      http.post(`${baseUrl}/verification`, () => HttpResponse.json(result)),
    );
    expect(await client.getLatestVerification()).toBeUndefined();
    expect(await client.verifyChain()).toEqual(result);
  });
});
