import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  AuditChainVerification,
  AuditEvent,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditRecord } from '../types';
import { AuditEventStore, AuditEventStorePage } from './AuditEventStore';
import { resolveTimeRange, selectEvents, seqColumnOf } from './applyEventQuery';
import { ChainAppender } from './ChainAppender';
import { ChainVerifier } from './ChainVerifier';
import { EventQuery, PageCursor } from './queryTypes';
import { RetentionPurger } from './RetentionPurger';
import { AuditEventRow, rowToEvent } from './rows';

const migrationsDir = resolvePackagePath(
  '@slipway/backstage-plugin-audit-log-backend',
  'migrations',
);

/** Rows per query while streaming an export. */
const STREAM_BATCH = 1000;

/**
 * The audit event store on the plugin's database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseAuditEventStore implements AuditEventStore {
  readonly #knex: Knex;
  readonly #appender: ChainAppender;
  readonly #verifier: ChainVerifier;
  readonly #purger: RetentionPurger;

  /** Connects to the plugin's database and brings its schema up to date unless migrations are skipped. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAuditEventStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAuditEventStore(knex);
  }

  private constructor(knex: Knex) {
    this.#knex = knex;
    this.#appender = new ChainAppender(knex);
    this.#verifier = new ChainVerifier(knex);
    this.#purger = new RetentionPurger(knex);
  }

  append(record: AuditRecord): Promise<number> {
    return this.#appender.append(record);
  }

  async listEvents(
    query: EventQuery,
    page: { cursor?: PageCursor; limit: number },
  ): Promise<AuditEventStorePage> {
    const { cursor, limit } = page;
    const seqColumn = seqColumnOf(query);
    const seqRange = await resolveTimeRange(this.#knex, query.filters);
    if (!seqRange) {
      return { items: [] };
    }

    if (cursor?.direction === 'newer') {
      const rows: AuditEventRow[] = await selectEvents(
        this.#knex,
        query,
        seqRange,
      )
        .where(seqColumn, '>', cursor.seq)
        .orderBy(seqColumn, 'asc')
        .limit(limit + 1);
      // Fewer newer events than a page: the reader is back at the top, which is the first page.
      if (rows.length <= limit) {
        return this.listEvents(query, { limit });
      }
      const items = rows.slice(0, limit).reverse().map(rowToEvent);
      return {
        items,
        newer: { seq: items[0].seq, direction: 'newer' },
        older: { seq: items[items.length - 1].seq, direction: 'older' },
      };
    }

    const builder = selectEvents(this.#knex, query, seqRange);
    if (cursor) {
      builder.where(seqColumn, '<', cursor.seq);
    }
    const rows: AuditEventRow[] = await builder
      .orderBy(seqColumn, 'desc')
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(rowToEvent);
    const result: AuditEventStorePage = { items };
    if (rows.length > limit) {
      result.older = { seq: items[items.length - 1].seq, direction: 'older' };
    }
    if (cursor) {
      result.newer = { seq: items[0]?.seq ?? cursor.seq, direction: 'newer' };
    }
    return result;
  }

  async getEvent(
    seq: number,
    query: EventQuery,
  ): Promise<AuditEvent | undefined> {
    const row = await selectEvents(this.#knex, query)
      .where('audit_events.seq', seq)
      .first();
    return row ? rowToEvent(row) : undefined;
  }

  async getEventsBySeq(seqs: number[]): Promise<Array<AuditEvent | undefined>> {
    if (seqs.length === 0) {
      return [];
    }
    const rows: AuditEventRow[] = await this.#knex('audit_events').whereIn(
      'seq',
      [...new Set(seqs)],
    );
    const bySeq = new Map(rows.map(row => [Number(row.seq), rowToEvent(row)]));
    return seqs.map(seq => bySeq.get(seq));
  }

  async *streamEvents(query: EventQuery): AsyncIterable<AuditEvent> {
    const seqColumn = seqColumnOf(query);
    const seqRange = await resolveTimeRange(this.#knex, query.filters);
    if (!seqRange) {
      return;
    }
    let after = 0;
    for (;;) {
      const rows: AuditEventRow[] = await selectEvents(
        this.#knex,
        query,
        seqRange,
      )
        .where(seqColumn, '>', after)
        .orderBy(seqColumn, 'asc')
        .limit(STREAM_BATCH);
      for (const row of rows) {
        yield rowToEvent(row);
      }
      if (rows.length < STREAM_BATCH) {
        return;
      }
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async verifyChain(): Promise<AuditChainVerification> {
    const result = await this.#verifier.verify();
    await this.#knex('audit_chain_verification')
      .insert({ id: 1, result: JSON.stringify(result) })
      .onConflict('id')
      .merge();
    return result;
  }

  async getLatestVerification(): Promise<AuditChainVerification | undefined> {
    const row = await this.#knex('audit_chain_verification')
      .where({ id: 1 })
      .first('result');
    return row ? JSON.parse(row.result) : undefined;
  }

  purgeBefore(cutoff: Date): Promise<{ removed: number }> {
    return this.#purger.purgeBefore(cutoff);
  }
}
