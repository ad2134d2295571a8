import { Knex } from 'knex';
import { computeEventHash } from '../chain/eventHash';
import { ChainWatermark, HeadSeal } from '../chain/headSeal';
import { lockChainHead } from './chainHead';
import { AuditRecord } from '../types';
import { activePeopleRows, recordActivePeople } from './activePeople';
import { fitRecordToColumns, occurredAtOf, recordToRow } from './rows';

type Pending = {
  record: AuditRecord;
  resolve: (seq: number) => void;
  reject: (error: Error) => void;
};

const pairKey = (pair: { week: string; actor_id: string }) =>
  `${pair.week}\0${pair.actor_id}`;

/** Who acted when, as activePeopleRows reads it from a row. */
const activityOf = (record: AuditRecord) => ({
  actor_type: record.actor.type,
  actor_id: record.actor.id,
  occurred_at: record.occurredAt,
});

/** Rows per INSERT statement: well below PostgreSQL's 65,535 and SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 500;

/**
 * Appends records to the hash chain, one database transaction per batch ("group commit").
 *
 * Every append of a batch runs under the chain head's row lock (`SELECT … FOR UPDATE` on PostgreSQL; SQLite takes
 * the database write lock), so appends from several plugins and several backend replicas extend one linear chain.
 * Records that arrive while a transaction is running wait and go together into the next one; each caller's promise
 * settles only after the transaction that holds its record has committed (or failed), so an event is never reported
 * as recorded before it is durable. Under load this turns thousands of small commits into a few large ones.
 */
export class ChainAppender {
  readonly #knex: Knex;
  readonly #maxBatchSize: number;
  readonly #seal: HeadSeal;
  readonly #watermark: ChainWatermark;
  #queue: Pending[] = [];
  #flushing = false;
  /**
   * Week-and-person pairs of batches this appender committed: a person's later events that week add no row (most
   * appends then cost no extra statement). Cleared when it grows large; the insert ignores pairs recorded already.
   */
  readonly #recordedPeople = new Set<string>();

  constructor(
    knex: Knex,
    options?: {
      maxBatchSize?: number;
      seal?: HeadSeal;
      watermark?: ChainWatermark;
    },
  ) {
    this.#knex = knex;
    this.#maxBatchSize = options?.maxBatchSize ?? 2000;
    this.#seal = options?.seal ?? new HeadSeal(undefined);
    this.#watermark = options?.watermark ?? new ChainWatermark();
  }

  /** Appends one record; resolves with its sequence once committed. */
  append(record: AuditRecord): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record: fitRecordToColumns(record), resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // Let the records of the current tick join this batch.
        setImmediate(() => this.#flush());
      }
    });
  }

  async #flush() {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatchSize);
      try {
        const seqs = await this.#appendBatch(batch.map(p => p.record));
        batch.forEach((pending, index) => pending.resolve(seqs[index]));
      } catch (error) {
        if (batch.length === 1) {
          batch[0].reject(error as Error);
          continue;
        }
        // The transaction rolled back as a whole. One record the database refuses must not fail the others'
        // operations: append them one by one (a database that is down fails each of them anyway).
        for (const pending of batch) {
          try {
            const [seq] = await this.#appendBatch([pending.record]);
            pending.resolve(seq);
          } catch (singleError) {
            pending.reject(singleError as Error);
          }
        }
      }
    }
    this.#flushing = false;
  }

  async #appendBatch(records: AuditRecord[]): Promise<number[]> {
    const appended = await this.#knex.transaction(tx =>
      this.appendWithin(tx, records),
    );
    // Only once committed: a verification that snapshots the watermark first then finds the head at least there.
    if (this.#recordedPeople.size > 10_000) this.#recordedPeople.clear();
    for (const pair of activePeopleRows(records.map(activityOf)))
      this.#recordedPeople.add(pairKey(pair));
    const last = appended[appended.length - 1];
    this.#watermark.advance(last.seq, last.hash);
    return appended.map(row => row.seq);
  }

  /**
   * Appends records inside a transaction the caller holds (retention records its purge in the purge's own
   * transaction). Records must already fit the columns.
   */
  async appendWithin(
    tx: Knex.Transaction,
    records: AuditRecord[],
  ): Promise<Array<{ seq: number; hash: string }>> {
    // The head and the time of the last event in one round trip: appends are latency-bound.
    const head = await lockChainHead(tx, [
      'last_seq',
      'last_hash',
      'checkpoint_seq',
      'checkpoint_hash',
      'seal',
      tx.raw(
        '(SELECT occurred_at FROM audit_events WHERE audit_events.seq = audit_chain_head.last_seq) AS occurred_at',
      ),
    ]);

    let seq = Number(head.last_seq);
    let prevHash: string = head.last_hash;
    let lastTime = head.occurred_at === null ? undefined : occurredAtOf(head);
    const rows = records.map(reported => {
      // Event times never go backwards along the chain (an event reported a moment before one that got the lock
      // first takes that one's time), so a time range is a range of sequences: see DatabaseAuditEventStore.
      const record =
        lastTime && reported.occurredAt < lastTime
          ? { ...reported, occurredAt: lastTime }
          : reported;
      lastTime = record.occurredAt;
      seq += 1;
      const hash = computeEventHash(prevHash, record);
      const row = recordToRow(record, { seq, prevHash, hash });
      prevHash = hash;
      return row;
    });
    const entityRows = rows.flatMap((row, index) =>
      records[index].entityRefs.map(entityRef => ({
        entity_ref: entityRef,
        seq: row.seq,
      })),
    );

    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await tx('audit_events').insert(rows.slice(i, i + ROWS_PER_INSERT));
    }
    for (let i = 0; i < entityRows.length; i += ROWS_PER_INSERT) {
      await tx('audit_event_entities').insert(
        entityRows.slice(i, i + ROWS_PER_INSERT),
      );
    }
    await recordActivePeople(
      tx,
      activePeopleRows(rows).filter(
        pair => !this.#recordedPeople.has(pairKey(pair)),
      ),
    );
    await tx('audit_chain_head')
      .where({ id: 1 })
      .update({
        last_seq: seq,
        last_hash: prevHash,
        seal: this.#seal.next(head, {
          ...head,
          last_seq: seq,
          last_hash: prevHash,
        }),
      });
    return rows.map(row => ({ seq: Number(row.seq), hash: row.hash }));
  }
}
