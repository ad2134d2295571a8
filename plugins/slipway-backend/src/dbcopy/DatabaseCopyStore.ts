import { Knex } from 'knex';

const TABLE = 'slipway_database_copies';

/**
 * Where a copy is in its life: `creating` (the run works on it), `ready` (usable until it expires), `dropping`
 * (being dropped; retried until it is gone), `dropped`, or `failed` (the run failed and what it made was dropped).
 */
export type DatabaseCopyStatus =
  | 'creating'
  | 'ready'
  | 'dropping'
  | 'dropped'
  | 'failed';

/** Statuses of copies whose database may exist. */
export const LIVE_COPY_STATUSES: DatabaseCopyStatus[] = [
  'creating',
  'ready',
  'dropping',
];

/** A copy as the store keeps it, without its password. */
export interface DatabaseCopy {
  /** The id of the db-copy run that made it. */
  id: string;
  entityRef: string;
  environment: string;
  sourceEnvironment: string;
  component: string;
  sourceDatabase: string;
  /** The copy's database, and the name of its role. */
  database: string;
  role: string;
  requester: string;
  status: DatabaseCopyStatus;
  masked: boolean;
  createdAt: Date;
  readyAt?: Date;
  expiresAt: Date;
  maxExpiresAt: Date;
  droppedAt?: Date;
  dropReason?: string;
  lastError?: string;
}

/** A copy about to be made. */
export type NewDatabaseCopy = Omit<
  DatabaseCopy,
  'status' | 'createdAt' | 'readyAt' | 'droppedAt' | 'dropReason' | 'lastError'
>;

const date = (value: unknown) =>
  value === null || value === undefined ? undefined : new Date(value as string);

function toCopy(row: any): DatabaseCopy {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    sourceEnvironment: row.source_environment,
    component: row.component,
    sourceDatabase: row.source_database,
    database: row.database_name,
    role: row.role_name,
    requester: row.requester,
    status: row.status,
    masked: Boolean(row.masked),
    createdAt: date(row.created_at)!,
    ...(row.ready_at ? { readyAt: date(row.ready_at) } : {}),
    expiresAt: date(row.expires_at)!,
    maxExpiresAt: date(row.max_expires_at)!,
    ...(row.dropped_at ? { droppedAt: date(row.dropped_at) } : {}),
    ...(row.drop_reason ? { dropReason: row.drop_reason } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}

/**
 * The copies table. Every change of status is one conditional UPDATE (`… WHERE status = 'ready'`), so a user's
 * destroy, the expiry task and a failing run never both act on one copy.
 */
export class DatabaseCopyStore {
  constructor(private readonly knex: Knex) {}

  /** Records a copy about to be made (status `creating`); a second call for the same run changes nothing. */
  async insert(copy: NewDatabaseCopy): Promise<DatabaseCopy> {
    const now = new Date();
    await this.knex(TABLE)
      .insert({
        id: copy.id,
        entity_ref: copy.entityRef,
        environment: copy.environment,
        source_environment: copy.sourceEnvironment,
        component: copy.component,
        source_database: copy.sourceDatabase,
        database_name: copy.database,
        role_name: copy.role,
        requester: copy.requester,
        status: 'creating',
        masked: copy.masked,
        created_at: now,
        expires_at: copy.expiresAt,
        max_expires_at: copy.maxExpiresAt,
        updated_at: now,
      })
      .onConflict('id')
      .ignore();
    return (await this.get(copy.id))!;
  }

  async get(id: string): Promise<DatabaseCopy | undefined> {
    const row = await this.knex(TABLE).where({ id }).first();
    return row ? toCopy(row) : undefined;
  }

  /** Copies of an application whose database may exist, newest first. */
  async listLive(entityRef: string): Promise<DatabaseCopy[]> {
    const rows = await this.knex(TABLE)
      .where({ entity_ref: entityRef })
      .whereIn('status', LIVE_COPY_STATUSES)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toCopy);
  }

  /**
   * Makes a copy `creating` again when its run is executed once more after an attempt that failed and dropped what
   * it had made (the run was handed back on shutdown and resumed). False when it is in another state.
   */
  async reopen(id: string): Promise<boolean> {
    return (
      (await this.knex(TABLE)
        .where({ id })
        .whereIn('status', ['failed', 'dropping'])
        .update({
          status: 'creating',
          drop_reason: null,
          dropped_at: null,
          last_error: null,
          updated_at: new Date(),
        })) === 1
    );
  }

  /** The copy is made: from now on it lives until `expiresAt`. */
  async markReady(
    id: string,
    values: {
      readyAt: Date;
      expiresAt: Date;
      maxExpiresAt: Date;
      password: string;
    },
  ): Promise<boolean> {
    return (
      (await this.knex(TABLE).where({ id, status: 'creating' }).update({
        status: 'ready',
        ready_at: values.readyAt,
        expires_at: values.expiresAt,
        max_expires_at: values.maxExpiresAt,
        password: values.password,
        updated_at: new Date(),
      })) === 1
    );
  }

  /** The stored (encrypted) password of a ready copy. */
  async encryptedPassword(id: string): Promise<string | undefined> {
    const row = await this.knex(TABLE)
      .where({ id, status: 'ready' })
      .first('password');
    return row?.password ?? undefined;
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.knex(TABLE)
      .where({ id, status: 'ready' })
      .update({ password, updated_at: new Date() });
  }

  /** Moves the expiry of a ready copy; false when it is no longer ready. */
  async setExpiry(id: string, expiresAt: Date): Promise<boolean> {
    return (
      (await this.knex(TABLE)
        .where({ id, status: 'ready' })
        .update({ expires_at: expiresAt, updated_at: new Date() })) === 1
    );
  }

  /** Takes a copy for dropping; false when it was not in one of `from` (someone else took it, or it is gone). */
  async claimForDrop(
    id: string,
    from: DatabaseCopyStatus[],
    reason: string,
  ): Promise<boolean> {
    return (
      (await this.knex(TABLE).where({ id }).whereIn('status', from).update({
        status: 'dropping',
        drop_reason: reason,
        password: null,
        updated_at: new Date(),
      })) === 1
    );
  }

  /** A dropping copy is gone: `dropped`, or `failed` when the run that made it failed. */
  async finishDrop(
    id: string,
    status: Extract<DatabaseCopyStatus, 'dropped' | 'failed'>,
  ): Promise<void> {
    const now = new Date();
    await this.knex(TABLE)
      .where({ id, status: 'dropping' })
      .update({ status, dropped_at: now, last_error: null, updated_at: now });
  }

  /** Why the last attempt to drop it failed (the next sweep tries again). */
  async recordError(id: string, error: string): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .update({ last_error: error.slice(0, 2000), updated_at: new Date() });
  }

  /** Ready copies whose time is up. */
  async expired(now: Date, limit = 100): Promise<DatabaseCopy[]> {
    const rows = await this.knex(TABLE)
      .where({ status: 'ready' })
      .andWhere('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(toCopy);
  }

  /**
   * Copies still `creating` (the janitor asks their run whether it still works on them) and copies left `dropping`
   * since before `before` (a drop that failed or stopped half-way).
   */
  async unfinished(before: Date, limit = 100): Promise<DatabaseCopy[]> {
    const rows = await this.knex(TABLE)
      .where({ status: 'creating' })
      .orWhere(q =>
        q.where({ status: 'dropping' }).andWhere('updated_at', '<', before),
      )
      .orderBy('updated_at')
      .limit(limit);
    return rows.map(toCopy);
  }
}
