import { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { forkBackend, until } from '../__testUtils__/crashProcess';
import { RunStore } from '../engine/RunStore';
import { DatabaseCopyStore } from './DatabaseCopyStore';
import {
  closeCopyGate,
  CopyGate,
  createSourceDatabase,
  describeWithPostgres,
  dropCopies,
  leftovers,
  sql,
  tableDigest,
  waitForCopyInto,
} from './__testUtils__/postgres';

jest.setTimeout(240_000);

/** Give a loaded machine two minutes. */
const waitFor = (what: string, check: () => Promise<boolean>) =>
  until(what, check, 120_000, 50);

describeWithPostgres(
  'a database copy on PostgreSQL 15 whose backend is killed mid-copy',
  () => {
    let dataDir: string;
    let source: string;
    let knex: Knex | undefined;
    const children: ChildProcess[] = [];
    let gate: CopyGate | undefined;

    const startBackend = (port: number) => {
      const child = forkBackend(
        resolve(__dirname, '__testUtils__/dbCopyCrashBackend.ts'),
        [dataDir, String(port), source],
      );
      children.push(child);
      return child;
    };

    beforeAll(async () => {
      source = await createSourceDatabase(300_000);
      dataDir = mkdtempSync(join(tmpdir(), 'slipway-dbcopy-crash-'));
    });
    afterAll(async () => {
      children.forEach(child => child.kill('SIGKILL'));
      await gate?.open();
      await knex?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      await dropCopies('crashtest_checkout_db_copy_').finally(() =>
        sql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`),
      );
    });

    it('is resumed by the next backend, which drops the half-made copy and makes it again', async () => {
      // Holds the first backend's copy mid-data, so that it is killed there and not after it is done.
      gate = await closeCopyGate(source);
      const first = startBackend(7260);
      const file = join(dataDir, 'slipway.sqlite');
      await waitFor('the first backend to create its database', async () => {
        if (!existsSync(file)) return false;
        knex ??= knexFactory({
          client: 'better-sqlite3',
          connection: { filename: file },
          useNullAsDefault: true,
        });
        return knex.schema
          .hasTable('slipway_database_copies')
          .catch(() => false);
      });
      const runs = new RunStore(knex!);
      const copies = new DatabaseCopyStore(knex!);
      const id = '0c0ffee0-0000-4000-a000-000000000001';
      const name = 'crashtest_checkout_db_copy_0c0ffee0';
      await runs.insert({
        id,
        action: 'db-copy',
        entityRef: 'component:default/crashtest',
        environment: 'dev',
        parameters: { component: 'checkout-db', ttlHours: 1, masking: false },
        requester: 'user:default/alice',
        idempotencyKey: 'crash-db-copy',
        mutating: true,
        status: 'pending',
      });

      await waitForCopyInto(name, gate.table);
      first.kill('SIGKILL');
      await new Promise(r => first.once('exit', r));
      expect((await copies.get(id))!.status).toBe('creating');
      expect(await leftovers(name)).toHaveLength(2);
      await gate.open();

      startBackend(7261);
      await waitFor(
        'the run to end',
        async () =>
          !['pending', 'running'].includes((await runs.get(id))!.status),
      );
      const run = (await runs.get(id))!;
      expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
      const log = (await runs.logs(id)).map(l => l.message);
      expect(log).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/resuming from its last checkpoint$/),
          `Dropped ${name}, left by an interrupted attempt; starting over`,
        ]),
      );
      expect((await copies.get(id))!.status).toBe('ready');
      for (const table of ['sales.customers', 'sales.orders', 'audit.events'])
        expect(await tableDigest(name, table)).toEqual(
          await tableDigest(source, table),
        );
    });
  },
);
