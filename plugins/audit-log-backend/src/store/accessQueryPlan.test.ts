import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';
import { selectEvents } from './applyEventQuery';
import { EventQuery } from './queryTypes';

jest.setTimeout(60_000);

/** An owner of 300 entities, 20 of which the 200 events are about (every tenth event). */
const OWNED = Array.from(
  { length: 300 },
  (_, i) => `component:default/own-${i}`,
);
const ownerQuery: EventQuery = {
  filters: {},
  access: { kind: 'aboutEntities', entityRefs: OWNED },
};

describe('access conditions on entities', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function seeded(databaseId: Parameters<typeof databases.init>[0]) {
    const { knex, store } = await createTestStore(databases, databaseId);
    for (let n = 1; n <= 200; n++) {
      await store.append(
        makeRecord({
          entityRefs:
            n % 10 === 0
              ? [`component:default/own-${n / 10}`, 'system:default/shared']
              : [`component:default/other-${n}`],
        }),
      );
    }
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'page, suggestions and export of an owner of many entities hold exactly their events, on %p',
    async databaseId => {
      const { store } = await seeded(databaseId);
      const page = await store.listEvents(ownerQuery, { limit: 5 });
      expect(page.items.map(event => event.seq)).toEqual([
        200, 190, 180, 170, 160,
      ]);
      const older = await store.listEvents(ownerQuery, {
        limit: 50,
        cursor: page.older,
      });
      expect(older.items.map(event => event.seq)).toEqual([
        150, 140, 130, 120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10,
      ]);
      const exported: number[] = [];
      for await (const event of store.streamEvents(ownerQuery)) {
        exported.push(event.seq);
      }
      expect(exported).toHaveLength(20);
      expect((await store.suggest(ownerQuery)).actions).toHaveLength(1);
    },
  );

  // SQLite, offered both columns, would probe the (entity_ref, seq) key once per owned entity for every event it
  // walks: 300 probes an event here, seconds on a log of thousands for the suggestions of a large owner.
  it('probes the entity links of an event by its sequence, once, on SQLite', async () => {
    const { knex } = await seeded('SQLITE_3');
    const { sql, bindings } = selectEvents(knex, ownerQuery)
      .orderBy('audit_events.seq', 'desc')
      .limit(26)
      .toSQL();
    const plan: Array<{ detail: string }> = await knex.raw(
      `EXPLAIN QUERY PLAN ${sql}`,
      bindings as any,
    );
    const details = plan.map(row => row.detail).join('\n');
    expect(details).toContain('audit_event_entities_seq_idx (seq=?)');
    expect(details).not.toContain('entity_ref=?');
  });
});
