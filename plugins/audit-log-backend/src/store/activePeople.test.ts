import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';
import { weekOf } from './activePeople';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the migration's backfill, tested as it runs
const {
  backfill,
} = require('../../migrations/20261207000000_audit_active_people.js');

jest.setTimeout(60_000);

describe('active people per week', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'counts the people (not services) who acted each week, fills them in from older events, and forgets purged weeks, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      const at = (iso: string) => new Date(iso);
      const person = (id: string) => ({ type: 'user' as const, id });
      // Week of Monday 2026-11-23: Alice twice, Bob, a service. Week of 2026-11-30: Alice (on its Monday, 00:00Z).
      // Week of 2026-12-07: Carol on its Sunday, just before the next week.
      for (const [occurredAt, actor] of [
        [at('2026-11-23T09:00:00Z'), person('user:default/alice')],
        [at('2026-11-25T09:00:00Z'), person('user:default/alice')],
        [at('2026-11-29T23:59:00Z'), person('user:default/bob')],
        [
          at('2026-11-26T09:00:00Z'),
          { type: 'service' as const, id: 'plugin:catalog' },
        ],
        [at('2026-11-30T00:00:00Z'), person('user:default/alice')],
        [at('2026-12-13T23:59:59Z'), person('user:default/carol')],
      ] as const)
        await store.append(makeRecord({ occurredAt, actor }));

      const expected = [
        { week: '2026-11-23', people: 2 },
        { week: '2026-11-30', people: 1 },
        { week: '2026-12-07', people: 1 },
      ];
      expect(await store.activePeople(at('2026-11-25T12:00:00Z'))).toEqual(
        expected,
      );
      expect(await store.activePeople(at('2026-12-01T12:00:00Z'))).toEqual(
        expected.slice(1),
      );

      // The migration fills the table in from the events an older portal kept.
      await knex('audit_active_people').delete();
      expect(await store.activePeople(at('2026-11-01T00:00:00Z'))).toEqual([]);
      await backfill(knex);
      expect(await store.activePeople(at('2026-11-01T00:00:00Z'))).toEqual(
        expected,
      );

      // Retention: the weeks that ended before the cutoff go with their events; the cutoff's own week stays.
      await store.purgeBefore(at('2026-12-02T00:00:00Z'));
      expect(await store.activePeople(at('2026-11-01T00:00:00Z'))).toEqual([
        { week: '2026-11-30', people: 1 },
        { week: '2026-12-07', people: 1 },
      ]);
    },
  );

  it('takes the Monday (UTC) of a moment as its week', () => {
    expect(weekOf(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30');
    expect(weekOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
  });
});
