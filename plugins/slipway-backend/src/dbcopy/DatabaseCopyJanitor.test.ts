import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { PostgresCopyExecutor } from './PostgresCopyExecutor';
import { RunStore } from '../engine/RunStore';
import { CopyDropper } from './CopyDropper';
import { DatabaseCopyJanitor } from './DatabaseCopyJanitor';
import { DatabaseCopyStore } from './DatabaseCopyStore';
import {
  applicationWithDatabase,
  copyConfig,
  copyContext,
  soleClaimant,
} from './__testUtils__/copyContext';
import {
  createSourceDatabase,
  describeWithPostgres,
  dropCopies,
  leftovers,
  sql,
} from './__testUtils__/postgres';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';

jest.setTimeout(120_000);

const HOUR = 3600_000;

describeWithPostgres('DatabaseCopyJanitor (copies on PostgreSQL 15)', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let source: string;

  beforeAll(async () => {
    source = await createSourceDatabase(2000);
  });
  afterAll(async () => {
    await dropCopies('janitortest_checkout_db_copy_').finally(() =>
      sql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`),
    );
  });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const store = new DatabaseCopyStore(knex);
    const runs = new RunStore(knex);
    const { auditor, events } = recordingAuditor();
    const config = copyConfig();
    const dropper = new CopyDropper({
      store,
      config,
      auditor,
      runs,
      logger: mockServices.logger.mock(),
    });
    const janitor = new DatabaseCopyJanitor({
      store,
      runs,
      dropper,
      logger: mockServices.logger.mock(),
      graceMs: 60_000,
    });
    /** A real copy made by a recorded run. */
    const makeCopy = async (status: 'running' | 'succeeded' = 'succeeded') => {
      const { ctx } = copyContext({
        entity: applicationWithDatabase(source, 'janitortest'),
      });
      await runs.insert({
        id: ctx.run.id,
        action: 'db-copy',
        entityRef: ctx.run.entityRef,
        environment: 'dev',
        parameters: ctx.run.parameters,
        requester: ctx.run.requester,
        idempotencyKey: `key-${ctx.run.id}`,
        mutating: false,
        status: 'pending',
      });
      await runs.claim(ctx.run.id, 'test-worker');
      await new PostgresCopyExecutor({
        config,
        store,
        claimants: soleClaimant,
      }).execute(ctx);
      if (status === 'succeeded')
        await runs.finish(ctx.run.id, 'test-worker', {
          status: 'succeeded',
          result: { summary: 'copied' },
        });
      return (await store.get(ctx.run.id))!;
    };
    return { knex, store, runs, janitor, events, makeCopy };
  }

  it.each(databases.eachSupportedId())(
    'drops copies whose time is up, records it, and leaves the others, on %p',
    async databaseId => {
      const { store, runs, janitor, events, makeCopy } = await setup(
        databaseId,
      );
      const expiring = await makeCopy();
      const staying = await makeCopy();
      expect(await leftovers(expiring.database)).toEqual([
        expiring.database,
        expiring.database,
      ]);

      // Not yet: its time to live is 8 hours.
      expect(await janitor.sweep(new Date(Date.now() + 7 * HOUR))).toEqual({
        expired: 0,
        discarded: 0,
        retried: 0,
        failures: 0,
      });
      await store.setExpiry(expiring.id, new Date(Date.now() - 1000));
      expect((await janitor.sweep()).expired).toBe(1);

      expect(await leftovers(expiring.database)).toEqual([]);
      expect(await leftovers(staying.database)).toHaveLength(2);
      expect(await store.get(expiring.id)).toMatchObject({
        status: 'dropped',
        dropReason: expect.stringMatching(/^expired at /),
        droppedAt: expect.any(Date),
      });
      expect((await store.get(staying.id))!.status).toBe('ready');
      expect(await store.listLive('component:default/checkout')).toEqual([
        expect.objectContaining({ id: staying.id }),
      ]);
      // A second sweep has nothing to do.
      expect((await janitor.sweep()).expired).toBe(0);

      // Recorded: an audit event the audit log indexes by application and environment, and a line in the run's log.
      expect(events).toEqual([
        {
          eventId: 'slipway-db-copy-expire',
          severityLevel: 'medium',
          outcome: 'success',
          meta: expect.objectContaining({
            entityRef: 'component:default/checkout',
            environment: 'dev',
            copyId: expiring.id,
            database: expiring.database,
            requester: 'user:default/alice',
            reason: expect.stringMatching(/^expired at /),
          }),
        },
      ]);
      const log = await runs.logs(expiring.id);
      expect(log.at(-1)!.message).toMatch(
        new RegExp(`^The copy ${expiring.database} was dropped: expired at `),
      );
      // Nothing that would let anyone connect, anywhere.
      const password = copyConfig().servers.dev.password!;
      const everything = JSON.stringify({ events, log });
      expect(everything).not.toContain(password);
      expect(everything).not.toMatch(/SCRAM-SHA-256|v1:/);
    },
  );

  it.each(databases.eachSupportedId())(
    'drops copies left unfinished by a run that ended (a backend killed mid-copy), not those of running runs, on %p',
    async databaseId => {
      const { store, runs, janitor, events, makeCopy } = await setup(
        databaseId,
      );
      // What a killed backend leaves: the copy `creating` with its half-made database, under a run that will not
      // resume (marked interrupted).
      const orphan = await makeCopy('running');
      const knex = (store as any).knex;
      await knex('slipway_database_copies')
        .where({ id: orphan.id })
        .update({ status: 'creating' });
      // While its run is still at work, the copy is left alone.
      expect((await janitor.sweep(new Date(Date.now() + HOUR))).discarded).toBe(
        0,
      );
      await runs.finish(orphan.id, 'test-worker', {
        status: 'interrupted',
        error: 'killed',
      });

      // Within the grace period after the run ended, its own clean-up may still be running.
      expect((await janitor.sweep(new Date())).discarded).toBe(0);
      expect((await janitor.sweep(new Date(Date.now() + HOUR))).discarded).toBe(
        1,
      );
      expect(await leftovers(orphan.database)).toEqual([]);
      expect(await store.get(orphan.id)).toMatchObject({
        status: 'failed',
        dropReason: `left unfinished by run ${orphan.id}, which ended interrupted`,
      });
      expect(events.map(e => [e.eventId, e.outcome, e.meta?.copyId])).toEqual([
        ['slipway-db-copy-discard', 'success', orphan.id],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tries a drop that stopped half-way again, on %p',
    async databaseId => {
      const { store, janitor, makeCopy } = await setup(databaseId);
      const copy = await makeCopy();
      await store.claimForDrop(
        copy.id,
        ['ready'],
        'destroyed by user:default/alice',
      );
      await store.recordError(copy.id, 'connection lost');
      expect((await janitor.sweep(new Date(Date.now() + HOUR))).retried).toBe(
        1,
      );
      expect(await leftovers(copy.database)).toEqual([]);
      expect(await store.get(copy.id)).toMatchObject({
        status: 'dropped',
        dropReason: 'destroyed by user:default/alice',
      });
    },
  );
});
