import { DatabaseServer } from '@slipway/backstage-plugin-slipway-node';
import { Client, ClientConfig } from 'pg';

/** Shown in pg_stat_activity, so a DBA sees who is copying. */
const APPLICATION_NAME = 'slipway-db-copy';
const CONNECT_TIMEOUT_SECONDS = 15;

function ssl(
  server: DatabaseServer,
  attempt: 'ssl' | 'plain',
): ClientConfig['ssl'] {
  switch (server.sslmode) {
    case 'disable':
      return false;
    case 'allow':
    case 'prefer':
      return attempt === 'ssl' ? { rejectUnauthorized: false } : false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The certificate must be trusted, the host name need not match (libpq's verify-ca).
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
    default:
      return { rejectUnauthorized: true };
  }
}

/**
 * An open connection to one database of a server, as its administrator, with standard-conforming strings (which
 * quoteLiteral relies on). `prefer` and `allow` try TLS first and fall back to a plain connection, as libpq does.
 */
export async function connect(
  server: DatabaseServer,
  database: string,
): Promise<Client> {
  const attempt = async (mode: 'ssl' | 'plain') => {
    const client = new Client({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database,
      ssl: ssl(server, mode),
      application_name: APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_SECONDS * 1000,
    });
    // An idle connection that drops must not crash the process; the next query reports it.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return client;
  };
  let client: Client;
  try {
    client = await attempt('ssl');
  } catch (error) {
    const fallback =
      (server.sslmode === 'prefer' || server.sslmode === 'allow') &&
      /does not support SSL/i.test(String((error as Error)?.message));
    if (!fallback) throw describeConnectionError(error, server, database);
    client = await attempt('plain').catch(e => {
      throw describeConnectionError(e, server, database);
    });
  }
  await client.query('SET standard_conforming_strings = on');
  return client;
}

/** Runs `fn` with a connection that is closed afterwards, whatever happens. */
export async function withConnection<T>(
  server: DatabaseServer,
  database: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = await connect(server, database);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function describeConnectionError(
  error: unknown,
  server: DatabaseServer,
  database: string,
): Error {
  const e = error as { message?: string; code?: string };
  return new Error(
    `Could not connect to database ${database} on ${server.host}:${
      server.port
    } (${server.environment}) as ${server.user}: ${
      e?.message ?? e?.code ?? String(error)
    }`,
  );
}

/**
 * The environment of pg_dump and pg_restore: where to connect and the password, through libpq's variables rather
 * than the command line (where any user of the machine could read it in the process list). Nothing is inherited
 * from the backend's own environment except PATH, so a stray PGSERVICE or ~/.pgpass cannot redirect a copy.
 */
export function libpqEnvironment(
  server: DatabaseServer,
  database: string,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LC_ALL: 'C', // messages in English, so progress lines can be read
    PGHOST: server.host,
    PGPORT: String(server.port),
    PGUSER: server.user,
    ...(server.password ? { PGPASSWORD: server.password } : {}),
    PGDATABASE: database,
    PGSSLMODE: server.sslmode,
    PGAPPNAME: APPLICATION_NAME,
    PGCONNECT_TIMEOUT: String(CONNECT_TIMEOUT_SECONDS),
    PGPASSFILE: '/dev/null',
    PGSERVICEFILE: '/dev/null',
    PGSYSCONFDIR: '/nonexistent',
  };
}
