import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { randomUUID } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { decryptPassword } from './copyCredentials';
import { DatabaseCopyStore } from './DatabaseCopyStore';
import {
  applicationWithDatabase,
  copyConfig,
  copyContext,
  maskingFor,
  soleClaimant,
} from './__testUtils__/copyContext';
import {
  closeCopyGate,
  createSourceDatabase,
  describeWithPostgres,
  dropCopies,
  leftovers,
  schemaFingerprint,
  sql,
  tableDigest,
  waitForCopyInto,
} from './__testUtils__/postgres';
import { until } from '../__testUtils__/crashProcess';
import { PostgresCopyExecutor } from './PostgresCopyExecutor';

jest.setTimeout(180_000);

/** Its own application name, so its copies' names differ from those of other test files on the same server. */
const APP = 'copytest';

const TABLES = [
  'sales.customers',
  'sales.orders',
  'audit.events',
  'audit.events_2026',
];

// Runs only where PostgreSQL is configured; `yarn test:all` (and so CI) refuses to run without it.

describeWithPostgres('PostgresCopyExecutor on PostgreSQL 15', () => {
  let source: string;
  let knex: Knex;
  let store: DatabaseCopyStore;
  /** The copy the first test makes. */
  let firstCopy = '';

  beforeAll(async () => {
    source = await createSourceDatabase(200_000);
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await knex.migrate.latest({
      directory: MIGRATIONS_DIRECTORY,
    });
    store = new DatabaseCopyStore(knex);
  });

  afterAll(async () => {
    await dropCopies('copytest_checkout_db_copy_').finally(() =>
      sql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`),
    );
    await knex.destroy();
  });

  it('copies schemas, rows, sequences and indexes row for row, and hands the copy to its own role', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
      progressIntervalMs: 0,
    });
    const { ctx, lines } = copyContext({
      entity: applicationWithDatabase(source, APP),
    });
    const outcome = await executor.execute(ctx);
    const name = `copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`;
    firstCopy = name;
    expect(outcome.output).toMatchObject({
      copyId: ctx.run.id,
      database: name,
      environment: 'dev',
      masked: false,
    });

    for (const table of TABLES)
      expect([table, await tableDigest(name, table)]).toEqual([
        table,
        await tableDigest(source, table),
      ]);
    expect((await tableDigest(name, 'sales.orders')).count).toBe('200000');
    expect(await schemaFingerprint(name)).toEqual(
      await schemaFingerprint(source),
    );
    // New rows continue the sequences where production was.
    const [next] = await sql(
      name,
      `SELECT nextval('sales.invoice_numbers')::int AS invoice, nextval('sales.orders_id_seq')::int AS order`,
    );
    expect(next).toEqual({ invoice: 4243, order: 200001 });

    // Progress was reported, in tables and bytes; nothing secret was.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^info: Copied: 3 of 3 tables, [\d.]+ MB streamed in \d+ s$/,
      ),
    );
    expect(lines.join('\n')).not.toContain('slipway-ci');

    // The copy belongs to its role, which logs in with the generated password (and may change the schema).
    const copy = (await store.get(ctx.run.id))!;
    expect(copy).toMatchObject({ status: 'ready', database: name, role: name });
    const stored = await store.encryptedPassword(ctx.run.id);
    expect(stored).not.toContain(name);
    const password = decryptPassword(
      stored!,
      copyConfig().servers.dev.password!,
      ctx.run.id,
    )!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const asCopy = { user: name, password };
    expect(
      await sql(
        name,
        'SELECT count(*)::int AS n FROM sales.orders',
        [],
        asCopy,
      ),
    ).toEqual([{ n: 200000 }]);
    await sql(
      name,
      'ALTER TABLE sales.orders ADD COLUMN seen boolean',
      [],
      asCopy,
    );
    const notOwned = await sql(
      name,
      `SELECT tablename FROM pg_tables WHERE schemaname IN ('sales', 'audit') AND tableowner <> $1`,
      [name],
    );
    expect(notOwned).toEqual([]);
    const [role] = await sql(
      'postgres',
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolvaliduntil IS NOT NULL AS expires
         FROM pg_roles WHERE rolname = $1`,
      [name],
    );
    expect(role).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      expires: true,
    });
    // Nobody else may connect to the copy (other copies' roles on the same server included).
    const [acl] = await sql(
      'postgres',
      `SELECT has_database_privilege('public', $1, 'CONNECT') AS public_connect`,
      [name],
    );
    expect(acl).toEqual({ public_connect: false });
  });

  it('runs the masking script in the copy, never in the source', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig({ masking: maskingFor(APP) }),
      store,
      claimants: soleClaimant,
    });
    const { ctx, lines } = copyContext({
      entity: applicationWithDatabase(source, APP),
      parameters: { component: 'checkout-db', ttlHours: 2, masking: true },
    });
    await executor.execute(ctx);
    const name = `copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`;
    expect(
      await sql(name, 'SELECT email, name FROM sales.customers WHERE id = 7'),
    ).toEqual([{ email: 'customer7@masked.invalid', name: 'Customer 7' }]);
    expect(
      await sql(source, 'SELECT email FROM sales.customers WHERE id = 7'),
    ).toEqual([{ email: 'person7@real-mail.example' }]);
    expect(lines).toContain('info: Masked: 1 statements changed 1000 rows');
    // This copy's user cannot get into the other copy on the same server.
    const password = decryptPassword(
      (await store.encryptedPassword(ctx.run.id))!,
      copyConfig().servers.dev.password!,
      ctx.run.id,
    )!;
    await expect(
      sql(firstCopy, 'SELECT 1', [], { user: name, password }),
    ).rejects.toThrow(`permission denied for database "${firstCopy}"`);
    const copy = (await store.get(ctx.run.id))!;
    expect(copy.masked).toBe(true);
    expect(copy.expiresAt.getTime() - copy.readyAt!.getTime()).toBe(
      2 * 3600_000,
    );
  });

  it('leaves nothing behind when pg_restore is stopped mid-copy', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
    });
    const { ctx, controller, lines } = copyContext({
      entity: applicationWithDatabase(source, APP),
    });
    const name = `copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`;
    const gate = await closeCopyGate(source);
    try {
      const running = executor.execute(ctx);
      // Stop it while data is flowing into the new database.
      await waitForCopyInto(name, gate.table);
      controller.abort(new Error('Cancelled on request'));
      await expect(running).rejects.toThrow('Cancelled on request');
    } finally {
      await gate.open();
    }
    expect(await leftovers(name)).toEqual([]);
    expect(await store.get(ctx.run.id)).toMatchObject({
      status: 'failed',
      dropReason: 'The copy failed: Cancelled on request',
    });
    expect(lines).toContain(`warn: Dropped the unfinished copy ${name}`);
  });

  it('leaves nothing behind when pg_restore loses its connection mid-copy, and says why', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
    });
    const { ctx } = copyContext({
      entity: applicationWithDatabase(source, APP),
    });
    const name = `copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`;
    const gate = await closeCopyGate(source);
    try {
      const running = executor.execute(ctx);
      await waitForCopyInto(name, gate.table);
      await sql(
        'postgres',
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'slipway-db-copy' AND query ILIKE 'COPY ${gate.table}%'`,
        [name],
      );
      await expect(running).rejects.toThrow(
        new RegExp(
          `^pg_restore into ${name} \\(dev\\) failed \\(exit code 1\\): pg_restore: error: .*(server closed the connection unexpectedly|terminating connection due to administrator command)`,
        ),
      );
      expect(await leftovers(name)).toEqual([]);
      expect((await store.get(ctx.run.id))?.status).toBe('failed');
      // pg_dump, whose output nobody reads any more, was stopped: a dump left blocked on a full pipe would keep its
      // COPY on the source open, and stall every DROP DATABASE on that server. (Its server session ends a moment
      // after the program does.)
      await until(
        'pg_dump to leave the source',
        async () => {
          const sessions = await sql(
            'postgres',
            `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'COPY%'`,
            [source],
          );
          return sessions.length === 0;
        },
        30_000,
        25,
      );
    } finally {
      await gate.open();
    }
  });

  it('leaves nothing behind when the source does not exist, and says why', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
    });
    const { ctx } = copyContext({
      entity: applicationWithDatabase('no_such_database', APP),
    });
    await expect(executor.execute(ctx)).rejects.toThrow(
      /Could not connect to database no_such_database on .* \(prod\) as postgres: database "no_such_database" does not exist/,
    );
    expect(
      await leftovers(`copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`),
    ).toEqual([]);
    expect((await store.get(ctx.run.id))?.status).toBe('failed');
  });

  it('fails with the masking script’s error and drops the copy', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig({
        masking: {
          [APP]: {
            'checkout-db': {
              sql: 'UPDATE sales.nope SET x = 1',
              required: true,
            },
          },
        },
      }),
      store,
      claimants: soleClaimant,
    });
    const { ctx } = copyContext({
      entity: applicationWithDatabase(source, APP),
      parameters: { component: 'checkout-db', ttlHours: 1, masking: true },
    });
    await expect(executor.execute(ctx)).rejects.toThrow(
      'The masking script failed: relation "sales.nope" does not exist',
    );
    expect(
      await leftovers(`copytest_checkout_db_copy_${ctx.run.id.slice(0, 8)}`),
    ).toEqual([]);
  });

  it('starts over when resumed after a crash, dropping what the interrupted attempt left', async () => {
    const runId = randomUUID();
    const name = `copytest_checkout_db_copy_${runId.slice(0, 8)}`;
    // The first attempt had planned, recorded the copy and created the database when the backend died.
    const first = copyContext({
      entity: applicationWithDatabase(source, APP),
      runId,
    });
    const plan = {
      name,
      component: 'checkout-db',
      sourceDatabase: source,
      sourceEnvironment: 'prod',
      ttlHours: 8,
      masking: false,
    };
    await store.insert({
      id: runId,
      entityRef: first.ctx.run.entityRef,
      environment: 'dev',
      sourceEnvironment: 'prod',
      component: 'checkout-db',
      sourceDatabase: source,
      database: name,
      role: name,
      requester: 'user:default/alice',
      masked: false,
      expiresAt: new Date(),
      maxExpiresAt: new Date(),
    });
    await sql('postgres', `CREATE ROLE ${name} NOLOGIN`);
    await sql('postgres', `CREATE DATABASE ${name} OWNER ${name}`);
    await sql(name, 'CREATE TABLE half_done (x int)');

    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
    });
    const resumed = copyContext({
      entity: applicationWithDatabase(source, APP),
      runId,
      checkpoints: { plan },
    });
    await executor.execute(resumed.ctx);
    expect(resumed.lines[0]).toBe(
      `warn: Dropped ${name}, left by an interrupted attempt; starting over`,
    );
    expect(
      await sql(name, `SELECT to_regclass('public.half_done') IS NULL AS gone`),
    ).toEqual([{ gone: true }]);
    expect(await tableDigest(name, 'sales.orders')).toEqual(
      await tableDigest(source, 'sales.orders'),
    );
    // Resumed once more after it finished: nothing is done again.
    const again = copyContext({
      entity: applicationWithDatabase(source, APP),
      runId,
      checkpoints: { plan },
    });
    await executor.execute(again.ctx);
    expect(again.lines).toEqual([]);
  });

  it('makes the copy again when its run is resumed after an attempt that failed and cleaned up (shutdown mid-copy)', async () => {
    const executor = new PostgresCopyExecutor({
      config: copyConfig(),
      store,
      claimants: soleClaimant,
    });
    const first = copyContext({ entity: applicationWithDatabase(source, APP) });
    const name = `${APP}_checkout_db_copy_${first.ctx.run.id.slice(0, 8)}`;
    const gate = await closeCopyGate(source);
    try {
      const running = executor.execute(first.ctx);
      await waitForCopyInto(name, gate.table);
      first.controller.abort(new Error('The backend instance shut down'));
      await expect(running).rejects.toThrow('The backend instance shut down');
    } finally {
      await gate.open();
    }
    expect((await store.get(first.ctx.run.id))?.status).toBe('failed');

    // The engine hands the run back and executes it again, with the checkpoints of the first attempt.
    const resumed = copyContext({
      entity: applicationWithDatabase(source, APP),
      runId: first.ctx.run.id,
      checkpoints: first.checkpoints,
    });
    await executor.execute(resumed.ctx);
    expect(resumed.lines[0]).toBe(
      'info: Starting over: the previous attempt ended with "The copy failed: The backend instance shut down"',
    );
    const copy = await store.get(first.ctx.run.id);
    expect(copy?.status).toBe('ready');
    expect(copy?.dropReason).toBeUndefined();
    expect(await tableDigest(name, 'sales.orders')).toEqual(
      await tableDigest(source, 'sales.orders'),
    );
  });
});
