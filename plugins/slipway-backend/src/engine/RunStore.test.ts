import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { NewRun, RunStore } from './RunStore';

jest.setTimeout(60_000);

let counter = 0;
function newRun(overrides: Partial<NewRun> = {}): NewRun {
  counter++;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    action: 'restart',
    entityRef: 'component:default/checkout',
    environment: 'dev',
    parameters: { reason: 'test' },
    requester: 'user:default/alice',
    idempotencyKey: `key-${counter}-abcdefgh`,
    mutating: true,
    status: 'pending',
    ...overrides,
  };
}

describe('RunStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function store(
    databaseId: Parameters<typeof databases.init>[0],
  ): Promise<{ store: RunStore; knex: Knex }> {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return { store: new RunStore(knex), knex };
  }

  it.each(databases.eachSupportedId())(
    'steps every migration up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('slipway_run_checkpoints')).toBe(true);
      await knex.migrate.rollback({ directory: MIGRATIONS_DIRECTORY }, true);
      expect(await knex.schema.hasTable('slipway_runs')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'de-duplicates by requester and key, and locks per application and environment, on %p',
    async databaseId => {
      const { store: runs } = await store(databaseId);
      const first = newRun();
      expect((await runs.insert(first)).kind).toBe('recorded');
      expect(await runs.insert({ ...first, id: newRun().id })).toMatchObject({
        kind: 'duplicate',
        run: { id: first.id },
      });
      // Another person may use the same key.
      const bobs = newRun({
        requester: 'user:default/bob',
        idempotencyKey: first.idempotencyKey,
        environment: 'prod',
      });
      expect((await runs.insert(bobs)).kind).toBe('recorded');
      // A second mutating run on the same application and environment waits for the first.
      expect(await runs.insert(newRun())).toMatchObject({
        kind: 'locked',
        holder: { id: first.id },
      });
      // Non-mutating runs (dry runs) take no lock; other environments and applications are free.
      expect((await runs.insert(newRun({ mutating: false }))).kind).toBe(
        'recorded',
      );
      expect((await runs.insert(newRun({ environment: 'staging' }))).kind).toBe(
        'recorded',
      );
      expect(
        (await runs.insert(newRun({ entityRef: 'component:default/other' })))
          .kind,
      ).toBe('recorded');
      // Finishing releases the lock.
      expect(await runs.claim(first.id, 'w1')).toBe(true);
      expect(
        await runs.finish(first.id, 'w1', {
          status: 'succeeded',
          result: { summary: 'done' },
        }),
      ).toMatchObject({ id: first.id, status: 'succeeded' });
      expect((await runs.insert(newRun())).kind).toBe('recorded');
      expect(await runs.get(first.id)).toMatchObject({
        status: 'succeeded',
        result: { summary: 'done' },
        attempts: 1,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one worker claim a run, and only its owner finish it, on %p',
    async databaseId => {
      const { store: runs } = await store(databaseId);
      const run = newRun();
      await runs.insert(run);
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map(w => runs.claim(run.id, w)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const owner = ['a', 'b', 'c', 'd'][claims.indexOf(true)];
      const other = owner === 'a' ? 'b' : 'a';
      expect(await runs.heartbeat(run.id, other)).toEqual({
        owned: false,
        cancelRequested: false,
      });
      expect(
        await runs.finish(run.id, other, { status: 'failed', error: 'x' }),
      ).toBeUndefined();
      expect(await runs.requestCancel(run.id)).toBe(true);
      expect(await runs.heartbeat(run.id, owner)).toEqual({
        owned: true,
        cancelRequested: true,
      });
      expect(
        await runs.finish(run.id, owner, {
          status: 'cancelled',
          error: 'Cancelled on request',
        }),
      ).toMatchObject({
        id: run.id,
        status: 'cancelled',
        error: 'Cancelled on request',
        finishedAt: expect.any(String),
      });
      expect(await runs.finishWaiting(run.id, ['pending'], 'cancelled')).toBe(
        false,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'hands each pending run to one of several workers claiming batches at once, on %p',
    async databaseId => {
      const { store: runs } = await store(databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const run = newRun({ mutating: false });
        ids.push(run.id);
        await runs.insert(run);
      }
      const batches = await Promise.all(
        ['a', 'b', 'c'].map(w => runs.claimPending(w, 12)),
      );
      const claimed = batches.flat().map(r => r.id);
      expect(claimed.length).toBe(new Set(claimed).size);
      const rest = await runs.claimPending('d', 50);
      expect([...claimed, ...rest.map(r => r.id)].sort()).toEqual(ids.sort());
      expect(
        batches.flat().every(r => r.status === 'running' && r.attempts === 1),
      ).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds runs whose worker stopped, and gives each to one rescuer, on %p',
    async databaseId => {
      const { store: runs, knex } = await store(databaseId);
      const resumed = newRun();
      const interrupted = newRun({ environment: 'prod' });
      const alive = newRun({ environment: 'staging' });
      for (const r of [resumed, interrupted, alive]) {
        await runs.insert(r);
        await runs.claim(r.id, 'dead');
      }
      const past = new Date(Date.now() - 120_000);
      await knex('slipway_runs')
        .whereIn('id', [resumed.id, interrupted.id])
        .update({ heartbeat_at: past });
      const staleBefore = new Date(Date.now() - 30_000);
      expect((await runs.staleRuns(staleBefore)).map(r => r.id).sort()).toEqual(
        [resumed.id, interrupted.id].sort(),
      );
      // Two rescuers: one takes the run over, and only the one who took it over settles it.
      const takenBy = await Promise.all(
        ['rescuer-a', 'rescuer-b'].map(async rescuer =>
          (await runs.takeOverStale(resumed.id, staleBefore, rescuer))
            ? rescuer
            : undefined,
        ),
      );
      const winner = takenBy.find(Boolean)!;
      expect(takenBy.filter(Boolean)).toHaveLength(1);
      const loser = winner === 'rescuer-a' ? 'rescuer-b' : 'rescuer-a';
      expect(await runs.requeueStale(resumed.id, loser, 'resuming')).toBe(
        false,
      );
      expect(await runs.requeueStale(resumed.id, winner, 'resuming')).toBe(
        true,
      );
      // Taken over, a run has a fresh heartbeat: nobody else finds it stale until its rescuer stops too.
      expect(
        await runs.takeOverStale(interrupted.id, staleBefore, 'rescuer-a'),
      ).toBe(true);
      expect((await runs.staleRuns(staleBefore)).map(r => r.id)).toEqual([]);
      expect(
        await runs.interruptStale(interrupted.id, 'rescuer-a', 'gone', 'lost'),
      ).toBe(true);
      // Each settled run carries its reason, once, even where two instances raced to settle it.
      expect((await runs.logs(resumed.id)).map(l => l.message)).toEqual([
        'resuming',
      ]);
      expect((await runs.logs(interrupted.id)).map(l => l.message)).toEqual([
        'lost',
      ]);
      expect(await runs.get(resumed.id)).toMatchObject({ status: 'pending' });
      expect(await runs.get(interrupted.id)).toMatchObject({
        status: 'interrupted',
        error: 'gone',
      });
      expect((await runs.claimPending('rescuer', 10)).map(r => r.id)).toEqual([
        resumed.id,
      ]);
      // The interrupted run no longer holds the lock.
      expect((await runs.insert(newRun({ environment: 'prod' }))).kind).toBe(
        'recorded',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'pages newest first without gaps or repeats, with filters, on %p',
    async databaseId => {
      const { store: runs, knex } = await store(databaseId);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const run = newRun({
          mutating: false,
          requester: i % 2 ? 'user:default/bob' : 'user:default/alice',
        });
        await runs.insert(run);
        // Two runs share a timestamp, to exercise the tie-breaker.
        await knex('slipway_runs')
          .where({ id: run.id })
          .update({
            created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i === 4 ? 3 : i)),
          });
        ids.push(run.id);
      }
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await runs.list({
          entityRef: 'component:default/checkout',
          limit: 3,
          cursor,
        });
        pages.push(page.items.map(r => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages.map(p => p.length)).toEqual([3, 3, 1]);
      const all = pages.flat();
      expect(new Set(all).size).toBe(7);
      expect(all[0]).toBe(ids[6]);
      const exact = await runs.list({
        entityRef: 'component:default/checkout',
        limit: 7,
      });
      expect(exact.nextCursor).toBeUndefined();
      expect(
        (await runs.list({ requester: 'user:default/bob', limit: 10 })).items,
      ).toHaveLength(3);
      expect(
        (
          await runs.list({
            requester: 'user:default/alice',
            status: ['succeeded'],
            limit: 10,
          })
        ).items,
      ).toHaveLength(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps logs and checkpoints per run, on %p',
    async databaseId => {
      const { store: runs } = await store(databaseId);
      const run = newRun();
      await runs.insert(run);
      await runs.appendLog(run.id, 'info', 'one');
      await runs.appendLog(run.id, 'warn', 'two');
      const lines = await runs.logs(run.id);
      expect(lines.map(l => [l.level, l.message])).toEqual([
        ['info', 'one'],
        ['warn', 'two'],
      ]);
      expect(await runs.logs(run.id, lines[0].id)).toHaveLength(1);
      expect(await runs.getCheckpoint(run.id, 'patched')).toBeUndefined();
      await runs.setCheckpoint(run.id, 'patched', { generation: 4 });
      expect(await runs.getCheckpoint(run.id, 'patched')).toEqual({
        value: { generation: 4 },
      });
      await expect(
        runs.setCheckpoint(run.id, 'patched', { generation: 5 }),
      ).rejects.toThrow();
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps the requester's feedback on a run that ended, and on nothing else, on %p",
    async databaseId => {
      const { store: runs } = await store(databaseId);
      const run = newRun();
      await runs.insert(run);
      const feedback = { helpful: false, comment: 'slow' };
      // Not before it ends, nor from anyone else.
      expect(await runs.setFeedback(run.id, run.requester, feedback)).toBe(
        false,
      );
      expect(await runs.claim(run.id, 'w1')).toBe(true);
      await runs.finish(run.id, 'w1', { status: 'succeeded' });
      expect(await runs.setFeedback(run.id, 'user:default/bob', feedback)).toBe(
        false,
      );
      expect((await runs.get(run.id))!.feedback).toBeUndefined();

      expect(await runs.setFeedback(run.id, run.requester, feedback)).toBe(
        true,
      );
      expect((await runs.get(run.id))!.feedback).toEqual({
        ...feedback,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      await runs.setFeedback(run.id, run.requester, { helpful: true });
      expect((await runs.get(run.id))!.feedback).toEqual({
        helpful: true,
        at: expect.any(String),
      });
    },
  );
});
