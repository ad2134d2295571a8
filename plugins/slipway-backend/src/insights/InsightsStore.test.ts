import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { RunStore } from '../engine/RunStore';
import { startOfWeek } from './weeks';
import { InsightsStore } from './InsightsStore';

jest.setTimeout(60_000);

describe('InsightsStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'counts a known history by week, action and outcome, the most restarted applications and approval waits, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const runs = new RunStore(knex);
      const store = new InsightsStore(knex);
      let n = 0;
      const run = async (
        at: string,
        action: string,
        entity: string,
        status: string,
        decidedAfterMinutes?: number,
      ) => {
        const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
        await runs.insert({
          id,
          action,
          entityRef: `component:default/${entity}`,
          environment: 'dev',
          parameters: {},
          requester: 'user:default/alice',
          idempotencyKey: `k-${n}`,
          mutating: false,
          status: 'pending',
        });
        const createdAt = new Date(at);
        await knex('slipway_runs')
          .where({ id })
          .update({
            status,
            lock_key: null,
            created_at: createdAt,
            ...(decidedAfterMinutes === undefined
              ? {}
              : {
                  decided_at: new Date(
                    createdAt.getTime() + decidedAfterMinutes * 60_000,
                  ),
                }),
          });
      };
      // Week of Monday 2026-11-23: a Monday and the Sunday that ends it. Week of 2026-11-30: its Monday at 00:00Z.
      await run('2026-11-23T08:00:00Z', 'restart', 'checkout', 'succeeded');
      await run('2026-11-29T23:30:00Z', 'restart', 'checkout', 'failed');
      await run('2026-11-29T12:00:00Z', 'promote', 'shop', 'succeeded', 10);
      await run('2026-11-30T00:00:00Z', 'restart', 'shop', 'succeeded');
      await run('2026-12-01T10:00:00Z', 'restart', 'checkout', 'succeeded');
      await run('2026-12-02T10:00:00Z', 'promote', 'checkout', 'rejected', 30);
      await run('2026-12-02T11:00:00Z', 'promote', 'checkout', 'succeeded', 2);
      // Before the period: not counted.
      await run('2026-11-16T10:00:00Z', 'restart', 'shop', 'succeeded', 99);
      // Asked for before the period, decided in it: its wait counts, the run does not.
      await run('2026-11-22T23:00:00Z', 'promote', 'shop', 'succeeded', 120);

      const since = new Date('2026-11-23T00:00:00Z');
      expect(await store.runsByWeek({ since })).toEqual([
        {
          week: '2026-11-23',
          action: 'promote',
          status: 'succeeded',
          count: 1,
        },
        { week: '2026-11-23', action: 'restart', status: 'failed', count: 1 },
        {
          week: '2026-11-23',
          action: 'restart',
          status: 'succeeded',
          count: 1,
        },
        { week: '2026-11-30', action: 'promote', status: 'rejected', count: 1 },
        {
          week: '2026-11-30',
          action: 'promote',
          status: 'succeeded',
          count: 1,
        },
        {
          week: '2026-11-30',
          action: 'restart',
          status: 'succeeded',
          count: 2,
        },
      ]);
      expect(await store.mostRestarted({ since }, 10)).toEqual([
        { entityRef: 'component:default/checkout', restarts: 3 },
        { entityRef: 'component:default/shop', restarts: 1 },
      ]);
      expect(
        (await store.approvalWaits({ since })).sort((a, b) => a - b),
      ).toEqual([2, 10, 30, 120]);

      // A team's view: only its applications.
      const shop = { since, entityRefs: ['component:default/shop'] };
      expect(await store.runsByWeek(shop)).toEqual([
        {
          week: '2026-11-23',
          action: 'promote',
          status: 'succeeded',
          count: 1,
        },
        {
          week: '2026-11-30',
          action: 'restart',
          status: 'succeeded',
          count: 1,
        },
      ]);
      expect(
        await store.mostRestarted({ ...shop, entityRefs: [] }, 10),
      ).toEqual([]);
    },
  );

  it('starts the period on the Monday (UTC) of the first of the weeks', () => {
    const wednesday = new Date('2026-12-02T15:00:00Z');
    expect(startOfWeek(1, wednesday).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
    expect(startOfWeek(2, wednesday).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    const sunday = new Date('2026-12-06T23:59:00Z');
    expect(startOfWeek(1, sunday).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });
});
