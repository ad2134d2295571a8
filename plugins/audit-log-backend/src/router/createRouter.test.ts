import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startAuditLogBackend } from '../__testUtils__/backend';
import { makeRecord } from '../__testUtils__/records';

jest.setTimeout(60_000);

const carol = mockCredentials.user.header('user:default/carol');

/** 60 events: 1–40 catalog reads (low), 41–60 restarts by Slipway (medium) of checkout-api in prod; 45 failed. */
const records = Array.from({ length: 60 }, (_, i) =>
  makeRecord({
    occurredAt: new Date(Date.UTC(2026, 4, 1) + i * 60_000),
    plugin: i < 40 ? 'catalog' : 'slipway',
    eventId: i < 40 ? 'entity-fetch' : 'restart',
    severity: i < 40 ? 'low' : 'medium',
    status: i === 44 ? 'failed' : 'succeeded',
    environment: i < 40 ? undefined : 'prod',
    entityRefs: i < 40 ? [] : ['component:default/checkout-api'],
    meta:
      i === 44
        ? { note: '=HYPERLINK("http://evil")', quote: 'say "hi", bye' }
        : { n: i },
  }),
);

describe('the audit-log API', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'lists, filters and pages by cursor, on %p',
    async databaseId => {
      const { server } = await startAuditLogBackend({
        databases,
        databaseId,
        records,
      });
      const list = (query: Record<string, string | number>) =>
        request(server)
          .get('/api/audit-log/events')
          .query(query)
          .set('Authorization', carol);

      const first = await list({ limit: 25 }).expect(200);
      expect(first.body.items.map((e: any) => e.seq)).toEqual(
        Array.from({ length: 25 }, (_, i) => 60 - i),
      );
      expect(first.body.newerCursor).toBeUndefined();
      const second = await list({
        limit: 25,
        cursor: first.body.olderCursor,
      }).expect(200);
      expect(second.body.items[0].seq).toBe(35);
      const back = await list({
        limit: 25,
        cursor: second.body.newerCursor,
      }).expect(200);
      expect(back.body).toEqual(first.body);

      const failed = await list({
        plugin: 'slipway',
        status: 'failed',
        environment: 'prod',
      }).expect(200);
      expect(failed.body.items.map((e: any) => e.seq)).toEqual([45]);
      const entity = await list({
        entityRef: 'Component:checkout-api',
        limit: 200,
      }).expect(200);
      expect(entity.body.items).toHaveLength(20);
      // Reads (low) left out: only the restarts (medium) remain, in full pages.
      const changes = await list({ minSeverity: 'medium', limit: 15 });
      expect(changes.body.items.map((e: any) => e.seq)).toEqual(
        Array.from({ length: 15 }, (_, i) => 60 - i),
      );
      const moreChanges = await list({
        minSeverity: 'medium',
        limit: 15,
        cursor: changes.body.olderCursor,
      });
      expect(moreChanges.body.items.map((e: any) => e.seq)).toEqual([
        45, 44, 43, 42, 41,
      ]);
      expect(moreChanges.body.olderCursor).toBeUndefined();

      const suggestions = await request(server)
        .get('/api/audit-log/suggestions')
        .query({ entityRef: 'component:default/checkout-api' })
        .set('Authorization', carol)
        .expect(200);
      expect(suggestions.body).toEqual({
        actors: [{ type: 'user', id: 'user:default/alice' }],
        actions: [{ plugin: 'slipway', eventId: 'restart' }],
      });

      const window = await list({
        from: '2026-05-01T00:10:00Z',
        to: '2026-05-01T03:00:00+02:00',
      });
      expect(window.body.error).toBeUndefined();
      // Minutes 10 to 59 since midnight UTC: events 11 to 60.
      expect(window.body.items.map((e: any) => e.seq)).toEqual(
        Array.from({ length: 50 }, (_, i) => 60 - i),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'answers bad input with 400 and a clear message, never 500, on %p',
    async databaseId => {
      const { server } = await startAuditLogBackend({ databases, databaseId });
      const cases: Array<[string, RegExp]> = [
        ['/events?status=exploded', /status/],
        ['/events?severity=urgent', /severity/],
        ['/events?minSeverity=reads', /minSeverity/],
        ['/export?format=csv&minSeverity=none', /minSeverity/],
        ['/suggestions?minSeverity=', /minSeverity/],
        ['/suggestions?entityRef=checkout-api', /full entity ref/],
        ['/suggestions?from=yesterday', /from must be an ISO 8601 time/],
        ['/suggestions?colour=blue', /colour/],
        ['/events?limit=0', /limit/],
        ['/events?limit=500', /limit/],
        ['/events?limit=ten', /limit/],
        ['/events?from=yesterday', /from must be an ISO 8601 time/],
        [
          '/events?to=2026-05-01T00:00:00',
          /to must be an ISO 8601 time with a time zone/,
        ],
        [
          '/events?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z',
          /from must be before to/,
        ],
        ['/events?entityRef=checkout-api', /full entity ref with its kind/],
        ['/events?cursor=not-a-cursor', /The cursor is not valid/],
        ['/events?colour=blue', /colour/],
        ['/events/abc', /seq/],
        ['/events/0', /seq/],
        ['/export', /format/],
        ['/export?format=xlsx', /format/],
      ];
      for (const [path, message] of cases) {
        const response = await request(server)
          .get(`/api/audit-log${path}`)
          .set('Authorization', carol);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 400,
        });
        expect(response.body.error.name).toBe('InputError');
        expect(response.body.error.message).toMatch(message);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'requires credentials and returns one event or 404, on %p',
    async databaseId => {
      const { server } = await startAuditLogBackend({
        databases,
        databaseId,
        records,
      });
      const anonymous = mockCredentials.none.header();
      for (const [method, path] of [
        ['get', '/events'],
        ['get', '/events/1'],
        ['get', '/export?format=csv'],
        ['get', '/suggestions'],
        ['get', '/verification'],
        ['post', '/verification'],
      ] as const) {
        await request(server)
          [method](`/api/audit-log${path}`)
          .set('Authorization', anonymous)
          .expect(401);
      }
      const { body } = await request(server)
        .get('/api/audit-log/events/45')
        .set('Authorization', carol)
        .expect(200);
      expect(body).toMatchObject({
        seq: 45,
        status: 'failed',
        plugin: 'slipway',
      });
      const missing = await request(server)
        .get('/api/audit-log/events/61')
        .set('Authorization', carol)
        .expect(404);
      expect(missing.body.error.message).toBe('No audit event 61');
      // Other backends may read with service credentials.
      await request(server)
        .get('/api/audit-log/events/1')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:compliance'),
            targetPluginId: 'audit-log',
          }),
        )
        .expect(200);
    },
  );

  it.each(databases.eachSupportedId())(
    'exports the filtered set as CSV and NDJSON, and audits the export, on %p',
    async databaseId => {
      const { server } = await startAuditLogBackend({
        databases,
        databaseId,
        records,
      });
      const csv = await request(server)
        .get('/api/audit-log/export?format=csv&plugin=slipway')
        .set('Authorization', carol)
        .expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="audit-log-.+\.csv"$/,
      );
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'seq,occurredAt,plugin,eventId,severity,status,operationId,actorType,actorId,actorIp,requestMethod,requestUrl,entityRefs,environment,errorName,errorMessage,meta,prevHash,hash',
      );
      expect(lines).toHaveLength(21);
      expect(lines[1]).toMatch(
        /^41,2026-05-01T00:40:00.000Z,slipway,restart,medium,succeeded,/,
      );
      // A value a spreadsheet would run as a formula is neutralised; quotes are doubled.
      expect(lines[5]).toContain(
        `"{""note"":""=HYPERLINK(\\""http://evil\\"")"",""quote"":""say \\""hi\\"", bye""}"`,
      );

      const ndjson = await request(server)
        .get('/api/audit-log/export?format=ndjson&status=failed')
        .set('Authorization', carol)
        .expect(200);
      expect(ndjson.headers['content-type']).toBe(
        'application/x-ndjson; charset=utf-8',
      );
      const events = ndjson.text
        .trimEnd()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(events.map(e => e.seq)).toEqual([45]);
      expect(events[0].meta.note).toBe('=HYPERLINK("http://evil")');

      const audit = await request(server)
        .get(
          '/api/audit-log/events?plugin=audit-log&eventId=events-export&status=succeeded',
        )
        .set('Authorization', carol)
        .expect(200);
      expect(audit.body.items.map((e: any) => e.meta)).toEqual([
        { format: 'ndjson', filters: { status: 'failed' }, exported: 1 },
        { format: 'csv', filters: { plugin: 'slipway' }, exported: 20 },
      ]);
      expect(audit.body.items[0].actor.id).toBe('user:default/carol');
    },
  );

  it.each(databases.eachSupportedId())(
    'runs and keeps verifications, and serves its OpenAPI document, on %p',
    async databaseId => {
      const { server, knex } = await startAuditLogBackend({
        databases,
        databaseId,
        records,
      });
      const latest = () =>
        request(server)
          .get('/api/audit-log/verification')
          .set('Authorization', carol)
          .expect(200);
      expect((await latest()).body).toEqual({ verification: null });

      await knex('audit_events')
        .where({ seq: 30 })
        .update({ event_id: 'forged' });
      const { body } = await request(server)
        .post('/api/audit-log/verification')
        .set('Authorization', carol)
        .expect(200);
      expect(body).toMatchObject({
        ok: false,
        checkedEvents: 29,
        problem: { seq: 30, kind: 'changed' },
      });
      expect((await latest()).body.verification).toEqual(body);

      const openapi = await request(server)
        .get('/api/audit-log/openapi.json')
        .set('Authorization', carol)
        .expect(200);
      expect(Object.keys(openapi.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/audit-log/events',
          '/api/audit-log/export',
        ]),
      );
    },
  );
});

describe('GET /active-people', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('counts the people who acted per week for anyone signed in, and refuses a period that makes no sense', async () => {
    const now = new Date();
    const { server } = await startAuditLogBackend({
      databases,
      databaseId: 'SQLITE_3',
      records: [
        makeRecord({
          occurredAt: now,
          actor: { type: 'user', id: 'user:default/alice' },
        }),
        makeRecord({
          occurredAt: now,
          actor: { type: 'user', id: 'user:default/bob' },
        }),
        makeRecord({
          occurredAt: now,
          actor: { type: 'service', id: 'plugin:slipway' },
        }),
      ],
    });
    const bob = mockCredentials.user.header('user:default/bob');
    const { body } = await request(server)
      .get('/api/audit-log/active-people?weeks=4')
      .set('Authorization', bob)
      .expect(200);
    expect(body).toEqual({
      weeks: 4,
      byWeek: [{ week: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), people: 2 }],
    });
    const bad = await request(server)
      .get('/api/audit-log/active-people?weeks=0')
      .set('Authorization', bob);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/weeks/);
    // A service has no week of its own to count for: people only.
    await request(server)
      .get('/api/audit-log/active-people')
      .set('Authorization', mockCredentials.service.header())
      .expect(403);
  });
});
