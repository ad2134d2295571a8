import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { RunStore } from '../engine/RunStore';
import { startOfWeek } from './weeks';
import { InsightsStore } from './InsightsStore';
import {
  byTeamOf,
  databaseCopiesByWeek,
  mostRestartedOf,
} from './selfServiceFigures';

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
      const byApplication = await store.runsByApplication({ since });
      expect(mostRestartedOf(byApplication, 10)).toEqual([
        { entityRef: 'component:default/checkout', restarts: 3 },
        { entityRef: 'component:default/shop', restarts: 1 },
      ]);
      // Shop is declared by no manifest now: its runs count for an unknown team.
      expect(
        byTeamOf(
          byApplication,
          new Map([['checkout', 'group:default/payments']]),
        ),
      ).toEqual([
        { team: 'group:default/payments', action: 'restart', count: 3 },
        { team: 'group:default/payments', action: 'promote', count: 2 },
        { team: 'unknown', action: 'promote', count: 1 },
        { team: 'unknown', action: 'restart', count: 1 },
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
        await store.runsByApplication({ ...shop, entityRefs: [] }),
      ).toEqual([]);

      // Database copies: expired, destroyed early, alive; one never made, one gone before the period.
      const copy = async (
        copyNumber: number,
        entity: string,
        readyAt: string | null,
        expiresAt: string,
        droppedAt: string | null,
      ) =>
        knex('slipway_database_copies').insert({
          id: `20000000-0000-4000-8000-00000000000${copyNumber}`,
          entity_ref: `component:default/${entity}`,
          environment: 'dev',
          source_environment: 'prod',
          component: 'db',
          source_database: 'orders',
          database_name: `orders_copy_${copyNumber}`,
          role_name: `orders_copy_${copyNumber}`,
          requester: 'user:default/alice',
          status: droppedAt ? 'dropped' : 'ready',
          masked: false,
          created_at: new Date(readyAt ?? expiresAt),
          ready_at: readyAt ? new Date(readyAt) : null,
          expires_at: new Date(expiresAt),
          max_expires_at: new Date(expiresAt),
          dropped_at: droppedAt ? new Date(droppedAt) : null,
          updated_at: new Date(expiresAt),
        });
      await copy(
        1,
        'checkout',
        '2026-11-20T10:00:00Z',
        '2026-11-25T00:00:00Z',
        '2026-11-25T01:00:00Z',
      );
      await copy(
        2,
        'checkout',
        '2026-11-24T10:00:00Z',
        '2026-11-30T00:00:00Z',
        '2026-11-26T10:00:00Z',
      );
      await copy(
        3,
        'shop',
        '2026-11-29T10:00:00Z',
        '2026-12-05T00:00:00Z',
        null,
      );
      await copy(
        4,
        'checkout',
        '2026-12-01T10:00:00Z',
        '2026-12-04T00:00:00Z',
        null,
      );
      await copy(
        5,
        'checkout',
        null,
        '2026-12-04T00:00:00Z',
        '2026-12-01T11:00:00Z',
      );
      await copy(
        6,
        'checkout',
        '2026-11-10T10:00:00Z',
        '2026-11-12T00:00:00Z',
        '2026-11-12T00:00:00Z',
      );
      const now = new Date('2026-12-02T12:00:00Z');
      expect(
        databaseCopiesByWeek(await store.databaseCopies({ since }), since, now),
      ).toEqual([
        {
          week: '2026-11-23',
          alive: 1,
          made: 2,
          expired: 1,
          destroyedEarly: 1,
        },
        {
          week: '2026-11-30',
          alive: 2,
          made: 1,
          expired: 0,
          destroyedEarly: 0,
        },
      ]);
      expect(
        databaseCopiesByWeek(await store.databaseCopies(shop), since, now),
      ).toEqual([
        {
          week: '2026-11-23',
          alive: 1,
          made: 1,
          expired: 0,
          destroyedEarly: 0,
        },
        {
          week: '2026-11-30',
          alive: 1,
          made: 0,
          expired: 0,
          destroyedEarly: 0,
        },
      ]);
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
