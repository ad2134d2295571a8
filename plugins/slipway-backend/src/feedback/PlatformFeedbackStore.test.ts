import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { RunStore } from '../engine/RunStore';
import { PlatformFeedbackStore } from './PlatformFeedbackStore';
import { startOfWeek } from '../insights/weeks';

jest.setTimeout(60_000);

describe('PlatformFeedbackStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'counts ratings by action within the period, lists comments and notes newest first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const runs = new RunStore(knex);
      const store = new PlatformFeedbackStore(knex);
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

      // Five ended runs, rated: restart helpful ×2 (one 40 days ago), restart not, promote not with a comment, one
      // unrated run.
      const rated: Array<
        [string, boolean | undefined, string | undefined, number]
      > = [
        ['restart', true, undefined, 1],
        ['restart', true, 'Quick', 40],
        ['restart', false, undefined, 2],
        ['promote', false, 'The diff was hard to read', 3],
        ['promote', undefined, undefined, 1],
      ];
      for (const [i, [action, helpful, comment, age]] of rated.entries()) {
        const id = `00000000-0000-4000-8000-00000000000${i}`;
        await runs.insert({
          id,
          action,
          entityRef: 'component:default/checkout',
          environment: `env-${i}`,
          parameters: {},
          requester: 'user:default/alice',
          idempotencyKey: `k-${i}`,
          mutating: true,
          status: 'pending',
        });
        await knex('slipway_runs')
          .where({ id })
          .update({
            status: 'succeeded',
            lock_key: null,
            ...(helpful === undefined
              ? {}
              : {
                  feedback_helpful: helpful,
                  feedback_comment: comment ?? null,
                  feedback_at: daysAgo(age),
                }),
          });
      }
      await store.insertNote({
        id: '10000000-0000-4000-8000-000000000001',
        author: 'user:default/bob',
        text: 'older',
        createdAt: daysAgo(5).toISOString(),
      });
      await store.insertNote({
        id: '10000000-0000-4000-8000-000000000002',
        author: 'user:default/erin',
        text: 'newer',
        createdAt: daysAgo(1).toISOString(),
      });
      await store.insertNote({
        id: '10000000-0000-4000-8000-000000000003',
        author: 'user:default/erin',
        text: 'too old',
        createdAt: daysAgo(60).toISOString(),
      });

      const since = daysAgo(30);
      expect(await store.ratings(since)).toEqual([
        { action: 'promote', helpful: 0, notHelpful: 1 },
        { action: 'restart', helpful: 1, notHelpful: 1 },
      ]);
      expect(await store.ratings(daysAgo(90))).toEqual([
        { action: 'promote', helpful: 0, notHelpful: 1 },
        { action: 'restart', helpful: 2, notHelpful: 1 },
      ]);
      // Per week (its Monday, UTC): within 30 days, ratings 1, 2 and 3 days ago and notes 1 and 5 days ago.
      const expected = new Map<
        string,
        { week: string; helpful: number; notHelpful: number; notes: number }
      >();
      const add = (age: number, field: 'helpful' | 'notHelpful' | 'notes') => {
        const week = startOfWeek(1, daysAgo(age)).toISOString().slice(0, 10);
        const entry = expected.get(week) ?? {
          week,
          helpful: 0,
          notHelpful: 0,
          notes: 0,
        };
        entry[field]++;
        expected.set(week, entry);
      };
      add(1, 'helpful');
      add(2, 'notHelpful');
      add(3, 'notHelpful');
      add(5, 'notes');
      add(1, 'notes');
      expect(await store.byWeek(since)).toEqual(
        [...expected.values()].sort((a, b) => a.week.localeCompare(b.week)),
      );
      expect(await store.comments(since, 10)).toEqual([
        expect.objectContaining({
          action: 'promote',
          helpful: false,
          comment: 'The diff was hard to read',
          environment: 'env-3',
        }),
      ]);
      expect((await store.notes(since, 10)).map(n => n.text)).toEqual([
        'newer',
        'older',
      ]);
      expect((await store.notes(since, 1)).map(n => n.text)).toEqual(['newer']);
    },
  );
});
