import { Knex } from 'knex';
import {
  AuditChainProblem,
  AuditChainVerification,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditEventRow, rowHashMatches } from './rows';

type ChainHead = {
  last_seq: number | string;
  last_hash: string;
  checkpoint_seq: number | string;
  checkpoint_hash: string;
};

/** Rows read per query while walking; one extra row is read to look ahead. */
const WALK_BATCH = 2000;

/**
 * Walks the hash chain from the retention checkpoint to the head and reports the first event where a row was
 * changed, removed or inserted.
 *
 * The walk reads in batches without holding a transaction, so appends carry on meanwhile (events appended after the
 * walk started are left for the next verification). A retention purge that ran during the walk would look like
 * removed rows, so the walk starts again once if the checkpoint moved.
 */
export class ChainVerifier {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async verify(): Promise<AuditChainVerification> {
    const head = await this.#readHead();
    const result = await this.#walk(head);
    if (result.ok) {
      return result;
    }
    const headNow = await this.#readHead();
    return Number(headNow.checkpoint_seq) === Number(head.checkpoint_seq)
      ? result
      : this.#walk(headNow);
  }

  async #readHead(): Promise<ChainHead> {
    const head = await this.#knex('audit_chain_head').where({ id: 1 }).first();
    if (!head) {
      throw new Error('The audit chain head is missing; run the migrations');
    }
    return head;
  }

  async #walk(head: ChainHead): Promise<AuditChainVerification> {
    const fromSeq = Number(head.checkpoint_seq) + 1;
    const toSeq = Number(head.last_seq);
    const result = (checkedEvents: number, problem?: AuditChainProblem) => ({
      ok: !problem,
      verifiedAt: new Date().toISOString(),
      checkedEvents,
      fromSeq,
      toSeq,
      ...(problem && { problem }),
    });

    let expectedSeq = fromSeq;
    let expectedPrev = head.checkpoint_hash;
    let previous: AuditEventRow | undefined;
    let lastHash = head.checkpoint_hash;

    for (;;) {
      const rows: AuditEventRow[] = await this.#knex('audit_events')
        .where('seq', '>=', expectedSeq)
        .andWhere('seq', '<=', toSeq)
        .orderBy('seq', 'asc')
        .limit(WALK_BATCH + 1);
      const walked = rows.slice(0, WALK_BATCH);
      for (const [index, row] of walked.entries()) {
        const seq = Number(row.seq);
        const next = rows[index + 1];
        const problem = this.#checkRow(row, next, previous, {
          expectedSeq,
          expectedPrev,
        });
        if (problem) {
          return result(seq - fromSeq, problem);
        }
        expectedSeq = seq + 1;
        expectedPrev = row.hash;
        lastHash = row.hash;
        previous = row;
      }
      if (rows.length <= WALK_BATCH) {
        break;
      }
    }

    const checked = expectedSeq - fromSeq;
    if (expectedSeq <= toSeq) {
      return result(checked, {
        seq: expectedSeq,
        kind: 'removed',
        message: `The chain ends at event ${
          expectedSeq - 1
        } but its head records event ${toSeq}: events ${expectedSeq} to ${toSeq} were removed.`,
      });
    }
    if (lastHash !== head.last_hash) {
      return result(checked, {
        seq: toSeq,
        kind: 'changed',
        message: `Event ${toSeq} does not match the hash recorded in the chain head: it was rewritten.`,
      });
    }
    return result(checked, await this.#findRowsPastHead());
  }

  #checkRow(
    row: AuditEventRow,
    next: AuditEventRow | undefined,
    previous: AuditEventRow | undefined,
    expected: { expectedSeq: number; expectedPrev: string },
  ): AuditChainProblem | undefined {
    const seq = Number(row.seq);
    if (seq !== expected.expectedSeq) {
      const range =
        seq - 1 > expected.expectedSeq
          ? `Events ${expected.expectedSeq} to ${seq - 1} are`
          : `Event ${expected.expectedSeq} is`;
      return {
        seq: expected.expectedSeq,
        kind: 'removed',
        message: `${range} missing from the chain.`,
      };
    }
    const linked = row.prev_hash === expected.expectedPrev;
    const intact = linked && rowHashMatches(row);
    if (intact) {
      return undefined;
    }
    // The next row links to the row before this one: this row was slipped in between them.
    if (next && next.prev_hash === expected.expectedPrev) {
      return {
        seq,
        kind: 'inserted',
        message: `Event ${seq} was inserted: event ${
          seq + 1
        } links to the event before it.`,
      };
    }
    // This row links to the same predecessor as the previous row: the previous row was slipped in.
    if (previous && row.prev_hash === previous.prev_hash) {
      return {
        seq: seq - 1,
        kind: 'inserted',
        message: `Event ${
          seq - 1
        } was inserted: event ${seq} links to the event before it.`,
      };
    }
    if (!linked) {
      return {
        seq,
        kind: 'unlinked',
        message: `Event ${seq} does not link to the event before it: events were removed and the rest renumbered, or the previous event was rewritten together with its hash.`,
      };
    }
    return {
      seq,
      kind: 'changed',
      message: `Event ${seq} was changed after it was recorded: its content does not match its hash.`,
    };
  }

  /**
   * Rows past the head cannot come from the appender, which moves the head in the same transaction. Reading the
   * largest sequence before the head makes a concurrent, legitimate append look harmless rather than forged.
   */
  async #findRowsPastHead(): Promise<AuditChainProblem | undefined> {
    const max = await this.#knex('audit_events').max({ seq: 'seq' }).first();
    const head = await this.#readHead();
    const maxSeq = Number(max?.seq ?? 0);
    const headSeq = Number(head.last_seq);
    if (maxSeq > headSeq) {
      return {
        seq: headSeq + 1,
        kind: 'inserted',
        message: `Events after ${headSeq}, the last one the chain head records, were inserted.`,
      };
    }
    return undefined;
  }
}
