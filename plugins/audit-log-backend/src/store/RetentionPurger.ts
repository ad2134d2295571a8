import { Knex } from 'knex';
import { HeadSeal } from '../chain/headSeal';
import { ChainAppender } from './ChainAppender';
import { lockChainHead } from './chainHead';
import { ownEvent, PURGE_EVENT } from './ownEvents';
import { AuditEventRow, occurredAtOf, rowHashMatches } from './rows';

/** Events removed per transaction: keeps the head lock (which appends wait for) short. */
const PURGE_BATCH = 5000;

/**
 * Removes the oldest events, and only a contiguous prefix of the chain, so the rest stays verifiable: the head keeps
 * the sequence and hash of the last removed event as a checkpoint, from which a verification starts.
 *
 * The prefix is checked before it is removed; a broken link or hash stops the purge, because removing those rows
 * would destroy the evidence that the log was tampered with.
 *
 * Each purge appends, in its own transaction, a `retention-purge` event naming the new checkpoint. Events removed by
 * anything else leave a checkpoint no such event names, which a verification reports, retention on or off.
 */
export class RetentionPurger {
  readonly #knex: Knex;
  readonly #appender: ChainAppender;
  readonly #seal: HeadSeal;

  constructor(
    knex: Knex,
    options: { appender: ChainAppender; seal: HeadSeal },
  ) {
    this.#knex = knex;
    this.#appender = options.appender;
    this.#seal = options.seal;
  }

  /** Removes every event that occurred before `cutoff` (up to the first newer one); returns how many. */
  async purgeBefore(cutoff: Date): Promise<{ removed: number }> {
    let removed = 0;
    for (;;) {
      const batch = await this.#purgeBatch(cutoff);
      removed += batch;
      if (batch < PURGE_BATCH) {
        return { removed };
      }
    }
  }

  async #purgeBatch(cutoff: Date): Promise<number> {
    return this.#knex.transaction(async tx => {
      const head = await lockChainHead(tx);
      const checkpointSeq = Number(head.checkpoint_seq);
      const rows: AuditEventRow[] = await tx('audit_events')
        .where('seq', '>', checkpointSeq)
        .orderBy('seq', 'asc')
        .limit(PURGE_BATCH);

      let expectedSeq = checkpointSeq + 1;
      let expectedPrev: string = head.checkpoint_hash;
      let last: AuditEventRow | undefined;
      for (const row of rows) {
        if (occurredAtOf(row) >= cutoff) {
          break;
        }
        const seq = Number(row.seq);
        if (
          seq !== expectedSeq ||
          row.prev_hash !== expectedPrev ||
          !rowHashMatches(row)
        ) {
          throw new Error(
            `Retention stopped at audit event ${expectedSeq}: the chain is broken there, and removing it would destroy the evidence. Verify the chain.`,
          );
        }
        expectedSeq = seq + 1;
        expectedPrev = row.hash;
        last = row;
      }
      if (!last) {
        return 0;
      }
      const lastSeq = Number(last.seq);
      await tx('audit_event_entities')
        .where('seq', '>', checkpointSeq)
        .andWhere('seq', '<=', lastSeq)
        .delete();
      const removed = await tx('audit_events')
        .where('seq', '>', checkpointSeq)
        .andWhere('seq', '<=', lastSeq)
        .delete();
      const checkpoint = {
        checkpoint_seq: lastSeq,
        checkpoint_hash: last.hash,
      };
      await tx('audit_chain_head')
        .where({ id: 1 })
        .update({
          ...checkpoint,
          checkpoint_at: new Date(),
          seal: this.#seal.next(head, { ...head, ...checkpoint }),
        });
      await this.#appender.appendWithin(tx, [
        ownEvent(PURGE_EVENT.eventId, 'medium', {
          removed,
          olderThan: cutoff.toISOString(),
          checkpointSeq: lastSeq,
          checkpointHash: last.hash,
        }),
      ]);
      return removed;
    });
  }
}
