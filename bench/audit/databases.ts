/*
 * Fresh databases for the benchmark: a PostgreSQL database named slipway_audit_bench (dropped and created again)
 * on the server of BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (or SLIPWAY_BENCH_PG_URL), and a SQLite file
 * in the system's temporary directory. Both as the backend configures them.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';

const BENCH_DATABASE = 'slipway_audit_bench';

export type BenchDatabase = { name: string; knex: Knex };

export async function createPostgres(
  database = BENCH_DATABASE,
): Promise<BenchDatabase> {
  const url =
    process.env.SLIPWAY_BENCH_PG_URL ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source .ci/env.sh) or SLIPWAY_BENCH_PG_URL',
    );
  }
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
  await admin.raw(`CREATE DATABASE ${database}`);
  await admin.destroy();
  const connection = new URL(url);
  connection.pathname = `/${database}`;
  return {
    name: 'PostgreSQL',
    knex: knexFactory({
      client: 'pg',
      connection: connection.toString(),
      pool: { min: 0, max: 10 },
    }),
  };
}

export async function createSqlite(
  database = BENCH_DATABASE,
): Promise<BenchDatabase> {
  const file = join(tmpdir(), `${database}.sqlite`);
  rmSync(file, { force: true });
  rmSync(`${file}-journal`, { force: true });
  return {
    name: 'SQLite',
    knex: knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    }),
  };
}
