import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';
import { AuditEventStore } from './AuditEventStore';
import { EventQuery, PageCursor } from './queryTypes';

jest.setTimeout(60_000);

const T0 = Date.UTC(2026, 2, 1);

/**
 * 30 events, one a minute from T0: seq n occurs at T0 + (n - 1) minutes. Every third is the scaffolder's,
 * every fifth is about checkout-api in prod, seq 7 and 8 are failures by bob, seq 12 mentions "rollback".
 */
async function seed(store: AuditEventStore) {
  for (let n = 1; n <= 30; n++) {
    await store.append(
      makeRecord({
        occurredAt: new Date(T0 + (n - 1) * 60_000),
        plugin: n % 3 === 0 ? 'scaffolder' : 'catalog',
        eventId: n % 3 === 0 ? 'task' : 'entity-fetch',
        operationId: `op-${Math.ceil(n / 2)}`,
        status: n === 7 || n === 8 ? 'failed' : 'succeeded',
        severity: n === 8 ? 'critical' : 'low',
        actor:
          n === 7 || n === 8
            ? { type: 'user', id: 'user:default/bob' }
            : { type: 'service', id: 'plugin:search' },
        entityRefs:
          n % 5 === 0
            ? ['component:default/checkout-api', 'system:default/payments']
            : [`component:default/other-${n}`],
        environment: n % 5 === 0 ? 'prod' : undefined,
        meta: n === 12 ? { note: 'Rollback_50% requested' } : { n },
      }),
    );
  }
}

const seqsOf = (page: { items: Array<{ seq: number }> }) =>
  page.items.map(e => e.seq);

describe('listing events', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'applies every filter, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const list = async (filters: EventQuery['filters']) =>
        seqsOf(await store.listEvents({ filters }, { limit: 100 }));

      expect(await list({ plugin: 'scaffolder' })).toEqual([
        30, 27, 24, 21, 18, 15, 12, 9, 6, 3,
      ]);
      expect(
        await list({ eventId: 'entity-fetch', actor: 'user:default/bob' }),
      ).toEqual([8, 7]);
      expect(await list({ status: 'failed' })).toEqual([8, 7]);
      expect(await list({ severity: 'critical' })).toEqual([8]);
      expect(
        await list({ entityRef: 'component:default/checkout-api' }),
      ).toEqual([30, 25, 20, 15, 10, 5]);
      expect(
        await list({
          entityRef: 'system:default/payments',
          plugin: 'scaffolder',
        }),
      ).toEqual([30, 15]);
      expect(await list({ environment: 'prod', status: 'failed' })).toEqual([]);
      expect(await list({ operationId: 'op-4' })).toEqual([8, 7]);
      // Text is matched case-insensitively and literally (% and _ are not wildcards).
      expect(await list({ text: 'rollback_50%' })).toEqual([12]);
      expect(await list({ text: 'rollback%50' })).toEqual([]);
      expect(await list({ text: 'user:default/bob' })).toEqual([8, 7]);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves reads out in the query, so that every page is full, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      // An entity page read four times per change: seq 4, 8 and 12 are changes, the rest reads (low).
      for (let n = 1; n <= 12; n++) {
        const change = n % 4 === 0;
        await store.append(
          makeRecord({
            eventId: change ? 'entity-mutate' : 'entity-fetch',
            severity: change ? 'medium' : 'low',
            entityRefs: ['component:default/checkout-api'],
            ...(n === 12 && { severity: 'high' }),
          }),
        );
      }
      const query: EventQuery = {
        filters: {
          entityRef: 'component:default/checkout-api',
          minSeverity: 'medium',
        },
      };
      const first = await store.listEvents(query, { limit: 2 });
      expect(seqsOf(first)).toEqual([12, 8]);
      const second = await store.listEvents(query, {
        cursor: first.older,
        limit: 2,
      });
      expect(seqsOf(second)).toEqual([4]);
      expect(second.older).toBeUndefined();

      const list = async (filters: EventQuery['filters']) =>
        seqsOf(await store.listEvents({ filters }, { limit: 100 }));
      expect(await list({ minSeverity: 'high' })).toEqual([12]);
      expect(await list({ minSeverity: 'low' })).toHaveLength(12);
      expect(await list({ minSeverity: 'medium', severity: 'low' })).toEqual(
        [],
      );
      const exported: number[] = [];
      for await (const event of store.streamEvents(query)) {
        exported.push(event.seq);
      }
      expect(exported).toEqual([4, 8, 12]);
    },
  );

  it.each(databases.eachSupportedId())(
    'treats the time range as [from, to), on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const at = (n: number) => new Date(T0 + (n - 1) * 60_000);
      const page = await store.listEvents(
        { filters: { from: at(10), to: at(13) } },
        { limit: 100 },
      );
      expect(seqsOf(page)).toEqual([12, 11, 10]);
      const justAfter = new Date(at(10).getTime() + 1);
      expect(
        seqsOf(
          await store.listEvents(
            { filters: { from: justAfter, to: at(11) } },
            { limit: 100 },
          ),
        ),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages by keyset at the boundaries, both ways, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const query: EventQuery = { filters: { plugin: 'catalog' } }; // 20 events

      const first = await store.listEvents(query, { limit: 10 });
      expect(seqsOf(first)).toEqual([29, 28, 26, 25, 23, 22, 20, 19, 17, 16]);
      expect(first.newer).toBeUndefined();
      expect(first.older).toEqual({ seq: 16, direction: 'older' });

      // Exactly a page left: the last page has no older cursor.
      const second = await store.listEvents(query, {
        cursor: first.older,
        limit: 10,
      });
      expect(seqsOf(second)).toEqual([14, 13, 11, 10, 8, 7, 5, 4, 2, 1]);
      expect(second.older).toBeUndefined();
      expect(second.newer).toEqual({ seq: 14, direction: 'newer' });

      const back = await store.listEvents(query, {
        cursor: second.newer,
        limit: 10,
      });
      expect(back).toEqual(first);

      // A page size that does not divide the total: 20 = 7 + 7 + 6.
      const pages: number[][] = [];
      let cursor: PageCursor | undefined;
      do {
        const page = await store.listEvents(query, { cursor, limit: 7 });
        pages.push(seqsOf(page));
        cursor = page.older;
      } while (cursor);
      expect(pages.map(p => p.length)).toEqual([7, 7, 6]);
      expect(pages.flat()).toEqual([...seqsOf(first), ...seqsOf(second)]);

      // Going newer from the middle returns full pages; near the top it returns the first page.
      const middle = await store.listEvents(query, {
        cursor: { seq: 10, direction: 'newer' },
        limit: 5,
      });
      expect(seqsOf(middle)).toEqual([17, 16, 14, 13, 11]);
      expect(middle.newer).toEqual({ seq: 17, direction: 'newer' });
      expect(middle.older).toEqual({ seq: 11, direction: 'older' });
      const top = await store.listEvents(query, {
        cursor: { seq: 25, direction: 'newer' },
        limit: 5,
      });
      expect(seqsOf(top)).toEqual([29, 28, 26, 25, 23]);
      expect(top.newer).toBeUndefined();

      const none = await store.listEvents(
        { filters: { plugin: 'nobody' } },
        { limit: 10 },
      );
      expect(none).toEqual({ items: [] });
    },
  );

  it.each(databases.eachSupportedId())(
    'pages through an entity filter on the entity index, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const query: EventQuery = {
        filters: { entityRef: 'component:default/checkout-api' },
      };
      const first = await store.listEvents(query, { limit: 4 });
      expect(seqsOf(first)).toEqual([30, 25, 20, 15]);
      const second = await store.listEvents(query, {
        cursor: first.older,
        limit: 4,
      });
      expect(seqsOf(second)).toEqual([10, 5]);
      expect(second.older).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'limits reads to what the access criteria allow, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await seed(store);
      const list = async (access: EventQuery['access']) =>
        seqsOf(await store.listEvents({ filters: {}, access }, { limit: 100 }));

      expect(
        await list({
          kind: 'aboutEntities',
          entityRefs: ['system:default/payments'],
        }),
      ).toEqual([30, 25, 20, 15, 10, 5]);
      expect(await list({ kind: 'aboutEntities', entityRefs: [] })).toEqual([]);
      expect(
        await list({
          anyOf: [
            { kind: 'byActors', actorIds: ['user:default/bob'] },
            {
              kind: 'aboutEntities',
              entityRefs: ['component:default/other-1'],
            },
          ],
        }),
      ).toEqual([8, 7, 1]);
      expect(
        await list({
          allOf: [
            { kind: 'fromPlugins', pluginIds: ['scaffolder'] },
            {
              not: {
                kind: 'aboutEntities',
                entityRefs: ['system:default/payments'],
              },
            },
          ],
        }),
      ).toEqual([27, 24, 21, 18, 12, 9, 6, 3]);

      // Access applies to single reads and to exports too.
      const access: EventQuery['access'] = {
        kind: 'fromPlugins',
        pluginIds: ['scaffolder'],
      };
      expect(await store.getEvent(3, { filters: {}, access })).toMatchObject({
        seq: 3,
      });
      expect(await store.getEvent(4, { filters: {}, access })).toBeUndefined();
      const exported: number[] = [];
      for await (const event of store.streamEvents({ filters: {}, access })) {
        exported.push(event.seq);
      }
      expect(exported).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);

      // Large owned sets are split into several IN lists.
      const many = Array.from(
        { length: 2500 },
        (_, i) => `component:default/x-${i}`,
      );
      expect(
        await list({
          kind: 'aboutEntities',
          entityRefs: [...many, 'component:default/other-2'],
        }),
      ).toEqual([2]);
    },
  );
});
