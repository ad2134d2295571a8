import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { countActivePeople, purgeActivePeople } from './activePeople';
import { Knex } from 'knex';
import {
  AuditChainVerification,
  AuditEvent,
  AuditEventSuggestions,
} from '@slipway/backstage-plugin-audit-log-common';
import { ChainWatermark, HeadSeal } from '../chain/headSeal';
import { AuditRecord } from '../types';
import { AuditEventStore, AuditEventStorePage } from './AuditEventStore';
import { resolveTimeRange, selectEvents, seqColumnOf } from './applyEventQuery';
import { ChainAppender } from './ChainAppender';
import { ChainVerifier } from './ChainVerifier';
import { EventQuery, PageCursor } from './queryTypes';
import { RetentionPurger } from './RetentionPurger';
import { AuditEventRow, rowToEvent } from './rows';
import { lockChainHead } from './chainHead';
import { ownEvent } from './ownEvents';
import { suggestEventValues } from './suggestEventValues';

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
  readonly #seal: HeadSeal;

  /**
   * Connects to the plugin's database and brings its schema up to date unless migrations are skipped.
   *
   * With an `integrityKey` (`auditLog.integrity.key`) the chain head is sealed with it; a head without a seal (the
   * key was just configured, or someone removed the seal) is sealed where it stands, with a `chain-sealed` event in
   * the chain that says from which event on it is sealed.
   */
  static async create(options: {
    database: DatabaseService;
    integrityKey?: string;
  }): Promise<DatabaseAuditEventStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    const store = new DatabaseAuditEventStore(
      knex,
      new HeadSeal(options.integrityKey),
    );
    await store.#sealUnsealedHead();
    return store;
  }

  private constructor(knex: Knex, seal: HeadSeal) {
    this.#knex = knex;
    this.#seal = seal;
    const watermark = new ChainWatermark();
    this.#appender = new ChainAppender(knex, { seal, watermark });
    this.#verifier = new ChainVerifier(knex, { seal, watermark });
    this.#purger = new RetentionPurger(knex, {
      appender: this.#appender,
      seal,
    });
  }

  async #sealUnsealedHead() {
    if (!this.#seal.keyed) {
      return;
    }
    await this.#knex.transaction(async tx => {
      // Locked: replicas starting together must not each seal the head they read (the second would overwrite the
      // first one's seal with that of a head that has moved on, and the chain would look tampered with).
      const head = await lockChainHead(tx);
      if (head.seal !== null) {
        return;
      }
      await tx('audit_chain_head')
        .where({ id: 1 })
        .update({ seal: this.#seal.sealOf(head) });
      if (Number(head.last_seq) === 0 && Number(head.checkpoint_seq) === 0) {
        return; // a new, empty chain: nothing was unsealed
      }
      await this.#appender.appendWithin(tx, [
        ownEvent('chain-sealed', 'high', {
          unsealedThrough: Number(head.last_seq),
        }),
      ]);
    });
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

  suggest(query: EventQuery): Promise<AuditEventSuggestions> {
    return suggestEventValues(this.#knex, query);
  }

  async verifyChain(): Promise<AuditChainVerification> {
    const result = await this.#verifier.verify();
    const text = JSON.stringify(result);
    await this.#knex('audit_chain_verification')
      .insert({ id: 1, result: text, seal: this.#seal.sealText(text) })
      .onConflict('id')
      .merge();
    return result;
  }

  async getLatestVerification(): Promise<AuditChainVerification | undefined> {
    const row = await this.#knex('audit_chain_verification')
      .where({ id: 1 })
      .first('result', 'seal');
    if (!row) {
      return undefined;
    }
    const stored: AuditChainVerification = JSON.parse(row.result);
    if (this.#seal.holdsText(row.result, row.seal)) {
      return stored;
    }
    return {
      ...stored,
      ok: false,
      problem: {
        seq: stored.toSeq,
        kind: 'forged',
        message:
          'The stored result of the last verification was changed outside the audit log. Verify now to see the real state of the chain.',
      },
    };
  }

  async purgeBefore(cutoff: Date): Promise<{ removed: number }> {
    const purged = await this.#purger.purgeBefore(cutoff);
    await purgeActivePeople(this.#knex, cutoff);
    return purged;
  }

  activePeople(since: Date): Promise<Array<{ week: string; people: number }>> {
    return countActivePeople(this.#knex, since);
  }
}
