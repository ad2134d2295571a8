import { DatabaseServer } from '@slipway/backstage-plugin-slipway-node';
import { assertCopyName, quoteIdent, quoteLiteral } from './copyNames';
import { withConnection } from './pgConnection';
import { TRANSFER_OWNERSHIP_SQL } from './transferOwnership';

/** What a copy needs to know about its source before it starts. */
export interface SourceDescription {
  encoding: string;
  collate: string;
  ctype: string;
  /** `icu` databases (PostgreSQL 15+) keep their ICU locale. */
  icuLocale?: string;
  sizeBytes: number;
  /** Tables with data (not partitioned parents, views or extension tables): the denominator of progress. */
  tables: number;
}

/**
 * The statements Slipway runs as a server's administrator: look at a source, create a copy's empty database and
 * role, hand the finished copy over to its role, run masking, and drop a copy. Names are copy names (checked again
 * here) and always quoted; values are literals or parameters.
 */
export class PostgresAdmin {
  /** Encoding, locale, size and table count of the source database (which must exist and be readable). */
  async describeSource(
    server: DatabaseServer,
    database: string,
  ): Promise<SourceDescription> {
    return withConnection(server, database, async client => {
      const { rows } = await client.query(
        `SELECT pg_encoding_to_char(d.encoding) AS encoding, d.datcollate, d.datctype,
                d.datlocprovider::text AS provider, d.daticulocale AS icu,
                pg_database_size(d.oid)::text AS size,
                (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                    AND n.nspname NOT LIKE 'pg\\_toast%'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass
                                    AND x.objid = c.oid AND x.deptype = 'e'))::int AS tables
           FROM pg_database d WHERE d.datname = current_database()`,
      );
      const row = rows[0];
      return {
        encoding: row.encoding,
        collate: row.datcollate,
        ctype: row.datctype,
        ...(row.provider === 'i' && row.icu ? { icuLocale: row.icu } : {}),
        sizeBytes: Number(row.size),
        tables: row.tables,
      };
    });
  }

  /**
   * An empty database and a role that cannot log in yet, both named `name`. Only the role (and the administrator)
   * may connect to the database: other copies' users on the same server cannot. Built from template0 with the
   * source's encoding and locale, so text sorts (and its indexes are ordered) as in the source.
   */
  async createEmpty(
    server: DatabaseServer,
    name: string,
    source: SourceDescription,
    comment: string,
  ): Promise<void> {
    const ident = quoteIdent(assertCopyName(name));
    await withConnection(server, server.database, async client => {
      await client.query(`CREATE ROLE ${ident} NOLOGIN`);
      // Non-superuser administrators need to be a member to give the role its objects (ALTER … OWNER TO).
      await client.query(`GRANT ${ident} TO CURRENT_USER`);
      const locale = source.icuLocale
        ? `LOCALE_PROVIDER icu ICU_LOCALE ${quoteLiteral(source.icuLocale)}`
        : '';
      await client.query(
        `CREATE DATABASE ${ident} TEMPLATE template0 ENCODING ${quoteLiteral(
          source.encoding,
        )} LC_COLLATE ${quoteLiteral(source.collate)} LC_CTYPE ${quoteLiteral(
          source.ctype,
        )} ${locale}`,
      );
      await client.query(`REVOKE ALL ON DATABASE ${ident} FROM PUBLIC`);
      await client.query(
        `COMMENT ON DATABASE ${ident} IS ${quoteLiteral(comment)}`,
      );
    });
  }

  /** Runs the configured masking script in one transaction; returns the number of statements and rows changed. */
  async mask(
    server: DatabaseServer,
    name: string,
    sql: string,
  ): Promise<{ statements: number; rows: number }> {
    return withConnection(server, assertCopyName(name), async client => {
      await client.query('BEGIN');
      try {
        const result = await client.query(sql);
        await client.query('COMMIT');
        const results = Array.isArray(result) ? result : [result];
        return {
          statements: results.length,
          rows: results.reduce((sum, r) => sum + (r.rowCount ?? 0), 0),
        };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw new Error(
          `The masking script failed: ${(error as Error).message}`,
        );
      }
    });
  }

  /**
   * Gives the copy to its role: its schemas, tables, views, sequences, functions and types, and the database; then
   * lets the role log in with the password (given as a SCRAM verifier, so the password itself never reaches the
   * server, nor its logs) until the copy expires.
   */
  async handOver(
    server: DatabaseServer,
    name: string,
    passwordVerifier: string,
    validUntil: Date,
  ): Promise<void> {
    const ident = quoteIdent(assertCopyName(name));
    await withConnection(server, name, async client => {
      await client.query('SELECT set_config($1, $2, false)', [
        'slipway.copy_owner',
        name,
      ]);
      await client.query(TRANSFER_OWNERSHIP_SQL);
    });
    await withConnection(server, server.database, async client => {
      await client.query(`ALTER DATABASE ${ident} OWNER TO ${ident}`);
      await client.query(
        `GRANT CONNECT, TEMPORARY ON DATABASE ${ident} TO ${ident}`,
      );
      await client.query(
        `ALTER ROLE ${ident} LOGIN PASSWORD ${quoteLiteral(
          passwordVerifier,
        )} VALID UNTIL ${quoteLiteral(validUntil.toISOString())}`,
      );
    });
  }

  /** Moves the role's password expiry (the copy was extended). */
  async setValidUntil(server: DatabaseServer, name: string, validUntil: Date) {
    const ident = quoteIdent(assertCopyName(name));
    await withConnection(server, server.database, client =>
      client.query(
        `ALTER ROLE ${ident} VALID UNTIL ${quoteLiteral(
          validUntil.toISOString(),
        )}`,
      ),
    );
  }

  /** Gives the role a new password (its encrypted copy could no longer be read). */
  async setPassword(
    server: DatabaseServer,
    name: string,
    passwordVerifier: string,
  ) {
    const ident = quoteIdent(assertCopyName(name));
    await withConnection(server, server.database, client =>
      client.query(
        `ALTER ROLE ${ident} PASSWORD ${quoteLiteral(passwordVerifier)}`,
      ),
    );
  }

  /**
   * Drops the copy's database (ending its sessions) and role, whatever state they are in; nothing to drop is fine.
   * Says whether there was anything.
   */
  async drop(server: DatabaseServer, name: string): Promise<boolean> {
    const ident = quoteIdent(assertCopyName(name));
    return withConnection(server, server.database, async client => {
      const role = await client.query(
        'SELECT 1 FROM pg_roles WHERE rolname = $1',
        [name],
      );
      const database = await client.query(
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [name],
      );
      // No new sessions while the database goes away.
      if (role.rowCount) await client.query(`ALTER ROLE ${ident} NOLOGIN`);
      await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${ident}`);
      return Boolean(role.rowCount || database.rowCount);
    });
  }

  /** Whether a copy's database exists (tests and the janitor's checks). */
  async exists(server: DatabaseServer, name: string): Promise<boolean> {
    return withConnection(server, server.database, async client => {
      const { rowCount } = await client.query(
        'SELECT 1 FROM pg_database WHERE datname = $1 UNION ALL SELECT 1 FROM pg_roles WHERE rolname = $1',
        [name],
      );
      return Boolean(rowCount);
    });
  }
}
