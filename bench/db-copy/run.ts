import { MIGRATIONS_DIRECTORY } from '../../plugins/slipway-backend/src/database/slipwayDatabase';
/*
 * `yarn bench:db-copy [--rows 4000000] [--rounds 3] [--no-parallel-reference] [--keep] [--reuse]`
 *
 * Generates a database of about 1 GB (4 million rows by default, with indexes) on the PostgreSQL of
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source .ci/env.sh), then copies it, alternately:
 *   - by hand, the way a DBA would: `pg_dump -Fc <source> | pg_restore -d <new database>` in a shell, and the
 *     same with `-Z0` (no compression, as Slipway streams it) to show what Slipway's own steps cost;
 *   - through Slipway's db-copy executor (PostgresCopyExecutor), which also creates the role, hands the copy over
 *     and records it.
 * and prints each time, the medians, and the ratio (time by hand / time through Slipway; above 1 means Slipway is
 * faster). A reference that writes files — `pg_dump -Fd -j N` to a folder then `pg_restore -j N` — shows whether
 * parallel restore would pay off on this machine (Slipway never writes a dump to disk, so it cannot use it).
 * It prints figures; it asserts nothing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { PostgresCopyExecutor } from '../../plugins/slipway-backend/src/dbcopy/PostgresCopyExecutor';
import { DatabaseCopyStore } from '../../plugins/slipway-backend/src/dbcopy/DatabaseCopyStore';
import {
  applicationWithDatabase,
  copyConfig,
  copyContext,
} from '../../plugins/slipway-backend/src/dbcopy/__testUtils__/copyContext';
import {
  dropCopies,
  PG_URL,
  sql,
  testServer,
} from '../../plugins/slipway-backend/src/dbcopy/__testUtils__/postgres';

const SOURCE = 'slipway_dbcopy_bench_source';
const BY_HAND = 'slipway_dbcopy_bench_by_hand';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const ROWS = Number(option('rows', '4000000'));
const ROUNDS = Number(option('rounds', '3'));
const PARALLEL = !process.argv.includes('--no-parallel-reference');
const KEEP = process.argv.includes('--keep');

const server = testServer('bench');
const env = {
  ...process.env,
  PGHOST: server.host,
  PGPORT: String(server.port),
  PGUSER: server.user,
  PGPASSWORD: server.password,
};

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? (sorted[middle - 1] + sorted[middle]) / 2
    : sorted[Math.floor(middle)];
}
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

async function size(database: string) {
  const [row] = await sql(
    'postgres',
    'SELECT pg_database_size($1)::bigint AS bytes',
    [database],
  );
  return Number(row.bytes);
}

async function shell(script: string) {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { env, stdio: 'inherit' });
    child.on('close', code =>
      code === 0 ? resolve() : reject(new Error(`${script}: exit ${code}`)),
    );
  });
}

async function generate() {
  const exists = await sql(
    'postgres',
    'SELECT 1 FROM pg_database WHERE datname = $1',
    [SOURCE],
  );
  if (exists.length && process.argv.includes('--reuse')) return;
  await sql('postgres', `DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${SOURCE}`);
  const started = process.hrtime.bigint();
  await sql(
    SOURCE,
    `CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL);
     INSERT INTO accounts SELECT g, 'user' || g || '@example.com', 'User ' || g FROM generate_series(1, 100000) g;
     CREATE TABLE events (
       id bigserial PRIMARY KEY,
       account_id int NOT NULL REFERENCES accounts(id),
       kind text NOT NULL,
       payload text NOT NULL,
       amount numeric(12, 2),
       created_at timestamptz NOT NULL
     );`,
  );
  const batch = 500_000;
  for (let from = 1; from <= ROWS; from += batch) {
    const to = Math.min(ROWS, from + batch - 1);
    await sql(
      SOURCE,
      `INSERT INTO events (account_id, kind, payload, amount, created_at)
       SELECT 1 + g % 100000, (ARRAY['order','refund','login','view'])[1 + g % 4],
              md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text),
              (g % 100000) / 100.0, timestamptz '2026-01-01' + g * interval '1 second'
         FROM generate_series(${from}, ${to}) g`,
    );
    process.stdout.write(`  … ${to.toLocaleString('en-US')} rows\n`);
  }
  await sql(
    SOURCE,
    `CREATE INDEX events_account_idx ON events (account_id, created_at);
     CREATE INDEX events_kind_idx ON events (kind);`,
  );
  await sql(SOURCE, 'VACUUM ANALYZE');
  console.log(
    `generated ${SOURCE}: ${ROWS.toLocaleString('en-US')} events, ${gb(
      await size(SOURCE),
    )} on disk, in ${seconds(started).toFixed(0)} s`,
  );
}

/** `pg_dump -Fc | pg_restore` in a shell; `uncompressed` adds -Z0, as Slipway does. */
async function byHand(uncompressed = false): Promise<number> {
  await sql('postgres', `DROP DATABASE IF EXISTS ${BY_HAND} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${BY_HAND}`);
  const started = process.hrtime.bigint();
  await shell(
    `pg_dump -Fc ${
      uncompressed ? '-Z0 ' : ''
    }-d ${SOURCE} | pg_restore --no-owner --exit-on-error -d ${BY_HAND}`,
  );
  const took = seconds(started);
  await sql('postgres', `DROP DATABASE ${BY_HAND} WITH (FORCE)`);
  return took;
}

async function throughSlipway(): Promise<{ took: number; bytes: number }> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await knex.migrate.latest({
    directory: MIGRATIONS_DIRECTORY,
  });
  const store = new DatabaseCopyStore(knex);
  const executor = new PostgresCopyExecutor({ config: copyConfig(), store });
  const { ctx, lines } = copyContext({
    entity: applicationWithDatabase(SOURCE, 'bench'),
  });
  const started = process.hrtime.bigint();
  const outcome = await executor.execute(ctx);
  const took = seconds(started);
  const database = String(outcome.output!.database);
  const [copied] = await sql(database, 'SELECT count(*)::int AS n FROM events');
  if (copied.n !== ROWS)
    throw new Error(`copied ${copied.n} rows, not ${ROWS}`);
  const bytes = await size(database);
  console.log(
    `    ${lines.find(l => l.startsWith('info: Copied:'))?.slice(6)}`,
  );
  await dropCopies(database);
  await knex.destroy();
  return { took, bytes };
}

async function parallelReference(): Promise<{ took: number; jobs: number }> {
  const jobs = Math.max(2, cpus().length);
  const folder = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  await sql('postgres', `DROP DATABASE IF EXISTS ${BY_HAND} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${BY_HAND}`);
  const started = process.hrtime.bigint();
  try {
    await shell(
      `pg_dump -Fd -Z0 -j ${jobs} -f ${folder}/dump -d ${SOURCE} && pg_restore -j ${jobs} --no-owner --exit-on-error -d ${BY_HAND} ${folder}/dump`,
    );
    return { took: seconds(started), jobs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await sql('postgres', `DROP DATABASE IF EXISTS ${BY_HAND} WITH (FORCE)`);
  }
}

async function main() {
  if (!PG_URL)
    throw new Error(
      'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source .ci/env.sh)',
    );
  const { stdout } = await promisify(execFile)('pg_dump', ['--version']);
  console.log(`${stdout.trim()}, ${cpus().length} CPUs`);
  await generate();

  const hand: number[] = [];
  const handUncompressed: number[] = [];
  const slipway: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    hand.push(await byHand());
    console.log(
      `round ${round}: pg_dump -Fc | pg_restore by hand: ${hand
        .at(-1)!
        .toFixed(1)} s`,
    );
    handUncompressed.push(await byHand(true));
    console.log(
      `round ${round}: pg_dump -Fc -Z0 | pg_restore by hand: ${handUncompressed
        .at(-1)!
        .toFixed(1)} s`,
    );
    const { took, bytes } = await throughSlipway();
    slipway.push(took);
    console.log(
      `round ${round}: Slipway db-copy executor: ${took.toFixed(
        1,
      )} s (copy ${gb(bytes)})`,
    );
  }
  const ratio = median(hand) / median(slipway);
  console.log(
    `\nsource ${gb(await size(SOURCE))}; median by hand ${median(hand).toFixed(
      1,
    )} s, through Slipway ${median(slipway).toFixed(
      1,
    )} s; ratio (by hand / Slipway) ${ratio.toFixed(2)} (goal ≥ 0.9)`,
  );
  console.log(
    `the same pipeline uncompressed by hand (pg_dump -Fc -Z0 | pg_restore): median ${median(
      handUncompressed,
    ).toFixed(1)} s; by hand uncompressed / Slipway ${(
      median(handUncompressed) / median(slipway)
    ).toFixed(2)} (what Slipway's own steps cost: role, hand-over, records)`,
  );
  if (PARALLEL) {
    const parallel = await parallelReference();
    console.log(
      `reference with files on disk: pg_dump -Fd -Z0 -j ${
        parallel.jobs
      } + pg_restore -j ${parallel.jobs}: ${parallel.took.toFixed(
        1,
      )} s (by hand / parallel ${(median(hand) / parallel.took).toFixed(
        2,
      )}, Slipway / parallel ${(median(slipway) / parallel.took).toFixed(2)})`,
    );
  }
  if (!KEEP)
    await sql('postgres', `DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
