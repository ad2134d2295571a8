import { Knex } from 'knex';
import {
  AuditChainProblem,
  AuditChainVerification,
} from '@slipway/backstage-plugin-audit-log-common';
import { ChainEnds, ChainWatermark, HeadSeal } from '../chain/headSeal';
import { PURGE_EVENT } from './ownEvents';
import { AuditRecord } from '../types';
import {
  AuditEventRow,
  readRecord,
  rowHashMatches,
  searchTextOf,
} from './rows';
import {
  checkEntityRows,
  entityRowsOf,
  entityRowsPastHead,
} from './verifyEntityRows';

type ChainHead = ChainEnds & { seal: string | null };

/** Rows read per query while walking; one extra row is read to look ahead. */
const WALK_BATCH = 2000;

/** What the walk collects besides the first broken row. */
type Walked = {
  checked: number;
  lastHash: string;
  /** The hash of the event at the watermark's sequence, if the walk passed it. */
  hashAtMark?: string;
  /** The checkpoint the last retention-purge event names. */
  attestedCheckpoint?: { seq: number; hash: string };
  problem?: AuditChainProblem;
};

/**
 * Walks the hash chain from the retention checkpoint to the head and reports the first problem: a row changed,
 * removed or inserted; entity links or search text that do not follow from the hashed content; a chain cut at
 * either end (the head's keyed seal, the in-memory watermark, and the retention events that must name the
 * checkpoint). See docs/audit-log.md, Verification.
 *
 * The walk reads in batches without holding a transaction, so appends carry on meanwhile (events appended after the
 * walk started are left for the next verification). A retention purge that ran during the walk would look like
 * removed rows, so the walk starts again once if the checkpoint moved.
 */
export class ChainVerifier {
  readonly #knex: Knex;
  readonly #seal: HeadSeal;
  readonly #watermark: ChainWatermark;

  constructor(
    knex: Knex,
    options?: { seal?: HeadSeal; watermark?: ChainWatermark },
  ) {
    this.#knex = knex;
    this.#seal = options?.seal ?? new HeadSeal(undefined);
    this.#watermark = options?.watermark ?? new ChainWatermark();
  }

  async verify(): Promise<AuditChainVerification> {
    let head = await this.#readHead();
    let result = await this.#verifyFrom(head);
    if (!result.ok) {
      const headNow = await this.#readHead();
      if (Number(headNow.checkpoint_seq) !== Number(head.checkpoint_seq)) {
        head = headNow;
        result = await this.#verifyFrom(head);
      }
    }
    return result;
  }

  async #readHead(): Promise<ChainHead> {
    const head = await this.#knex('audit_chain_head').where({ id: 1 }).first();
    if (!head) {
      throw new Error('The audit chain head is missing; run the migrations');
    }
    return head;
  }

  async #verifyFrom(head: ChainHead): Promise<AuditChainVerification> {
    // Before the head is read again below: appends advance the watermark only after they commit.
    const mark = this.#watermark.snapshot();
    const fromSeq = Number(head.checkpoint_seq) + 1;
    const toSeq = Number(head.last_seq);
    const walked = await this.#walk(head, mark.seq);
    const problem =
      walked.problem ?? (await this.#checkEnds(head, walked, mark));
    if (!problem) {
      this.#watermark.advance(toSeq, walked.lastHash);
    }
    return {
      ok: !problem,
      verifiedAt: new Date().toISOString(),
      checkedEvents: walked.checked,
      fromSeq,
      toSeq,
      sealed: this.#seal.keyed,
      ...(problem && { problem }),
    };
  }

  async #walk(head: ChainHead, markSeq: number): Promise<Walked> {
    const fromSeq = Number(head.checkpoint_seq) + 1;
    const toSeq = Number(head.last_seq);
    const walked: Walked = { checked: 0, lastHash: head.checkpoint_hash };
    let expectedSeq = fromSeq;
    let previous: AuditEventRow | undefined;

    for (;;) {
      const rows: AuditEventRow[] = await this.#knex('audit_events')
        .where('seq', '>=', expectedSeq)
        .andWhere('seq', '<=', toSeq)
        .orderBy('seq', 'asc')
        .limit(WALK_BATCH + 1);
      const batch = rows.slice(0, WALK_BATCH);
      const entityRows = await entityRowsOf(this.#knex, batch);
      for (const [index, row] of batch.entries()) {
        const seq = Number(row.seq);
        // Parsed once: for the hash, the search text and the entity links.
        const record = readRecord(row);
        const problem =
          this.#checkLink(row, record, rows[index + 1], previous, {
            expectedSeq,
            expectedPrev: walked.lastHash,
          }) ??
          checkDerivedColumns(row, record!) ??
          checkEntityRows(seq, record!.entityRefs, entityRows.get(seq) ?? []);
        if (problem) {
          walked.checked = seq - fromSeq;
          walked.problem = problem;
          return walked;
        }
        if (seq === markSeq) {
          walked.hashAtMark = row.hash;
        }
        if (
          row.plugin_id === PURGE_EVENT.plugin &&
          row.event_id === PURGE_EVENT.eventId
        ) {
          const meta = JSON.parse(row.meta ?? '{}');
          walked.attestedCheckpoint = {
            seq: Number(meta.checkpointSeq),
            hash: String(meta.checkpointHash),
          };
        }
        expectedSeq = seq + 1;
        walked.lastHash = row.hash;
        previous = row;
      }
      if (rows.length <= WALK_BATCH) {
        break;
      }
    }

    walked.checked = expectedSeq - fromSeq;
    if (expectedSeq <= toSeq) {
      walked.problem = {
        seq: expectedSeq,
        kind: 'removed',
        message: `The chain ends at event ${
          expectedSeq - 1
        } but its head records event ${toSeq}: events ${expectedSeq} to ${toSeq} were removed.`,
      };
    } else if (walked.lastHash !== head.last_hash) {
      walked.problem = {
        seq: toSeq,
        kind: 'changed',
        message: `Event ${toSeq} does not match the hash recorded in the chain head: it was rewritten.`,
      };
    }
    return walked;
  }

  /** Position, link and hash; a row that passes has a record. */
  #checkLink(
    row: AuditEventRow,
    record: AuditRecord | undefined,
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
    const intact = linked && rowHashMatches(row, record);
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

  /** The checks that need the whole walk: both ends of the chain, and rows past its head. */
  async #checkEnds(
    head: ChainHead,
    walked: Walked,
    mark: { seq: number; hash: string },
  ): Promise<AuditChainProblem | undefined> {
    const toSeq = Number(head.last_seq);
    const checkpointSeq = Number(head.checkpoint_seq);
    if (mark.seq > toSeq) {
      return {
        seq: toSeq + 1,
        kind: 'truncated',
        message: `The chain ends at event ${toSeq}, but this backend recorded event ${mark.seq}: events after ${toSeq} were removed and the head moved back.`,
      };
    }
    if (mark.seq > checkpointSeq && walked.hashAtMark !== mark.hash) {
      return {
        seq: mark.seq,
        kind: 'changed',
        message: `Event ${mark.seq} is not the event this backend recorded: the chain was rewritten from there on and hashed again.`,
      };
    }
    if (!this.#seal.holds(head)) {
      return {
        seq: toSeq,
        kind: 'unsealed',
        message:
          'The chain head was changed outside the audit log (its seal does not match): events were removed from the end, the retention checkpoint was moved, or the chain was rewritten and hashed again.',
      };
    }
    const attested = walked.attestedCheckpoint;
    if (
      checkpointSeq > 0 &&
      (attested?.seq !== checkpointSeq ||
        attested?.hash !== head.checkpoint_hash)
    ) {
      return {
        seq: checkpointSeq,
        kind: 'truncated',
        message: `Events up to ${checkpointSeq} are gone, but no retention purge recorded removing them: they were deleted and the checkpoint moved by hand.`,
      };
    }
    return this.#findRowsPastHead();
  }

  /**
   * Rows past the head cannot come from the appender, which moves the head in the same transaction. Reading the
   * largest sequences before the head makes a concurrent, legitimate append look harmless rather than forged.
   */
  async #findRowsPastHead(): Promise<AuditChainProblem | undefined> {
    const maxSeq = async (table: string) =>
      Number((await this.#knex(table).max({ seq: 'seq' }).first())?.seq ?? 0);
    const maxEventSeq = await maxSeq('audit_events');
    const maxLinkedSeq = await maxSeq('audit_event_entities');
    const headSeq = Number((await this.#readHead()).last_seq);
    if (maxEventSeq > headSeq) {
      return {
        seq: headSeq + 1,
        kind: 'inserted',
        message: `Events after ${headSeq}, the last one the chain head records, were inserted.`,
      };
    }
    return entityRowsPastHead(maxLinkedSeq, headSeq);
  }
}

/** The search text is derived from the hashed content; edited, it would make searches find or miss an event. */
function checkDerivedColumns(
  row: AuditEventRow,
  record: AuditRecord,
): AuditChainProblem | undefined {
  if (row.search_text === searchTextOf(record)) {
    return undefined;
  }
  const seq = Number(row.seq);
  return {
    seq,
    kind: 'changed',
    message: `Event ${seq}'s search text was changed: searches would find it for words it does not hold, or miss it.`,
  };
}
