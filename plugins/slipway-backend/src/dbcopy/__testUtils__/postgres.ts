import { randomBytes } from 'node:crypto';
import { DatabaseServer } from '@slipway/backstage-plugin-slipway-node';
import { Client } from 'pg';
import { until } from '../../__testUtils__/crashProcess';

/** The PostgreSQL 15 the tests run on (`source .ci/env.sh`); undefined when it is not configured. */
export const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** `describe` when the test PostgreSQL is configured; skipped otherwise (`yarn test:all` refuses to run without it). */
export function describeWithPostgres(name: string, tests: () => void) {
  // Resolved when called: bench/db-copy imports this file outside Jest, where `describe` does not exist.
  (PG_URL ? describe : describe.skip)(name, tests);
}

/** The test server as an environment's database server (both environments use the same server in tests). */
export function testServer(environment: string): DatabaseServer {
  const url = new URL(PG_URL!);
  return {
    environment,
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: 'postgres',
    sslmode: 'disable',
    clientHost: url.hostname,
  };
}

/** `slipway.databases.servers` for the test backend. */
export function testServersConfig(...environments: string[]) {
  return Object.fromEntries(
    environments.map(environment => [
      environment,
      { url: PG_URL!, database: 'postgres', sslmode: 'disable' },
    ]),
  );
}

/** Runs statements as the test server's administrator, on one database. */
export async function sql<T = any>(
  database: string,
  text: string,
  values: unknown[] = [],
  as?: { user: string; password: string },
): Promise<T[]> {
  const server = testServer('test');
  const client = new Client({
    host: server.host,
    port: server.port,
    user: as?.user ?? server.user,
    password: as?.password ?? server.password,
    database,
  });
  await client.connect();
  try {
    const result = await client.query(text, values);
    return (Array.isArray(result) ? result.at(-1) : result).rows as T[];
  } finally {
    await client.end();
  }
}

/** Databases and roles of the server whose name starts with `prefix`. */
export async function leftovers(prefix: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    'postgres',
    `SELECT datname AS name FROM pg_database WHERE datname LIKE $1 || '%'
     UNION ALL SELECT rolname FROM pg_roles WHERE rolname LIKE $1 || '%'`,
    [prefix],
  );
  return rows.map(r => r.name);
}

/** Drops every copy database and role a test left (named `<prefix>…_copy_…`). */
export async function dropCopies(prefix: string) {
  for (const name of await leftovers(prefix)) {
    await sql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await sql('postgres', `DROP ROLE IF EXISTS "${name}"`);
  }
}

/**
 * A "production" database with what a copy must keep: several schemas, a table of `rows` rows with a bigserial key
 * and an index, an identity column, a sequence with a current value of its own, an enum, a view, a function, a
 * partitioned table, comments and personal data for masking.
 */
export async function createSourceDatabase(rows = 200_000): Promise<string> {
  const name = `slipway_src_${randomBytes(4).toString('hex')}`;
  await sql('postgres', `CREATE DATABASE ${name}`);
  await sql(
    name,
    `
    CREATE SCHEMA sales;
    CREATE SCHEMA audit;
    CREATE TYPE sales.order_state AS ENUM ('new', 'paid', 'shipped');
    CREATE TABLE sales.customers (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL UNIQUE,
      name text NOT NULL
    );
    COMMENT ON TABLE sales.customers IS 'People who buy';
    INSERT INTO sales.customers (email, name)
      SELECT 'person' || g || '@real-mail.example', 'Person ' || g FROM generate_series(1, 1000) g;
    CREATE TABLE sales.orders (
      id bigserial PRIMARY KEY,
      customer_id integer NOT NULL REFERENCES sales.customers(id),
      state sales.order_state NOT NULL,
      amount numeric(12, 2) NOT NULL,
      note text,
      created_at timestamptz NOT NULL
    );
    INSERT INTO sales.orders (customer_id, state, amount, note, created_at)
      SELECT 1 + g % 1000, (ARRAY['new','paid','shipped'])[1 + g % 3]::sales.order_state,
             (g % 100000) / 100.0, CASE WHEN g % 7 = 0 THEN NULL ELSE md5(g::text) END,
             timestamptz '2026-01-01' + g * interval '1 minute'
        FROM generate_series(1, ${Number(rows)}) g;
    CREATE INDEX orders_customer_idx ON sales.orders (customer_id, created_at DESC);
    CREATE SEQUENCE sales.invoice_numbers START 1000;
    SELECT setval('sales.invoice_numbers', 4242);
    CREATE VIEW sales.paid_orders AS SELECT id, amount FROM sales.orders WHERE state = 'paid';
    CREATE FUNCTION sales.total(c integer) RETURNS numeric LANGUAGE sql STABLE
      AS $$ SELECT coalesce(sum(amount), 0) FROM sales.orders WHERE customer_id = c $$;
    CREATE TABLE audit.events (
      id bigint GENERATED BY DEFAULT AS IDENTITY,
      at date NOT NULL,
      payload jsonb NOT NULL,
      PRIMARY KEY (id, at)
    ) PARTITION BY RANGE (at);
    CREATE TABLE audit.events_2026 PARTITION OF audit.events
      FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
    INSERT INTO audit.events (at, payload)
      SELECT date '2026-01-01' + g % 300, jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g % 5))
        FROM generate_series(1, 5000) g;
    CREATE INDEX events_payload_idx ON audit.events USING gin (payload);
    `,
  );
  return name;
}

/** md5 of every row of a table in key order: equal digests mean equal contents. */
export async function tableDigest(database: string, table: string) {
  const [row] = await sql<{ digest: string; count: string }>(
    database,
    `SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS digest, count(*) AS count FROM ${table} t`,
  );
  return row;
}

/** What must be the same in a copy besides the rows: indexes, sequences' values, constraints, views, functions. */
export async function schemaFingerprint(database: string) {
  const indexes = await sql(
    database,
    `SELECT schemaname, tablename, indexdef FROM pg_indexes
      WHERE schemaname IN ('sales', 'audit') ORDER BY 1, 2, 3`,
  );
  const sequences = await sql(
    database,
    `SELECT schemaname, sequencename, last_value::text FROM pg_sequences
      WHERE schemaname IN ('sales', 'audit') ORDER BY 1, 2`,
  );
  const constraints = await sql(
    database,
    `SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace::regnamespace::text IN ('sales', 'audit') ORDER BY 1, 2`,
  );
  const other = await sql(
    database,
    `SELECT pg_get_viewdef('sales.paid_orders'::regclass) AS view,
            obj_description('sales.customers'::regclass) AS comment,
            sales.total(7)::text AS total`,
  );
  return { indexes, sequences, constraints, other };
}

/** A gate that holds every copy of a database in the middle of its data, until it is opened. */
export interface CopyGate {
  /** The table whose COPY waits: `COPY public.copy_gate …` in the copy's pg_stat_activity. */
  table: string;
  /** Lets waiting copies go on, and removes the gate from the source. */
  open(): Promise<void>;
}

/**
 * Closes a gate in `database`: a one-row table whose CHECK waits while a role of the gate's exists. Roles are shared
 * by every database of a server, so the check waits in the copy too, where pg_restore's COPY runs it. Tests stop,
 * break or kill a copy at that point, instead of racing a copy that may be over before they look.
 */
export async function closeCopyGate(database: string): Promise<CopyGate> {
  const role = `slipway_gate_${randomBytes(4).toString('hex')}`;
  await sql(
    database,
    `
    CREATE FUNCTION public.copy_gate_open() RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      WHILE EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '${role}') LOOP
        PERFORM pg_catalog.pg_sleep(0.02);
      END LOOP;
      RETURN true;
    END $$;
    CREATE TABLE public.copy_gate (id integer CHECK (public.copy_gate_open()));
    INSERT INTO public.copy_gate VALUES (1);
    CREATE ROLE ${role} NOLOGIN;
    `,
  );
  return {
    table: 'public.copy_gate',
    open: async () => {
      await sql('postgres', `DROP ROLE IF EXISTS ${role}`);
      await sql(
        database,
        'DROP TABLE IF EXISTS public.copy_gate; DROP FUNCTION IF EXISTS public.copy_gate_open()',
      );
    },
  };
}

/** Waits until a COPY into `table` runs in `database` (held there by a closed CopyGate). */
export function waitForCopyInto(database: string, table: string) {
  return until(
    `a COPY into ${table} in ${database}`,
    async () => {
      const [row] = await sql(
        'postgres',
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query ILIKE $2`,
        [database, `COPY ${table} %`],
      );
      return row.n > 0;
    },
    120_000,
    25,
  );
}
