import { Knex } from 'knex';
import { AuditChainProblem } from '@slipway/backstage-plugin-audit-log-common';
import { AuditEventRow } from './rows';

/**
 * The rows of `audit_event_entities` decide who sees an event (owners' read access joins on them) but are not
 * hashed: each must follow from the hashed `entity_refs` of its event, no more, no fewer.
 */

/** The entity rows of a batch of events, by sequence. */
export async function entityRowsOf(
  knex: Knex,
  batch: AuditEventRow[],
): Promise<Map<number, string[]>> {
  const bySeq = new Map<number, string[]>();
  if (batch.length === 0) {
    return bySeq;
  }
  const rows: Array<{ seq: number | string; entity_ref: string }> = await knex(
    'audit_event_entities',
  )
    .where('seq', '>=', Number(batch[0].seq))
    .andWhere('seq', '<=', Number(batch[batch.length - 1].seq))
    .select('seq', 'entity_ref');
  for (const row of rows) {
    const seq = Number(row.seq);
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), row.entity_ref]);
  }
  return bySeq;
}

/** Compares an event's entity links with the entity refs its hashed content names. */
export function checkEntityRows(
  seq: number,
  hashed: string[],
  linked: string[],
): AuditChainProblem | undefined {
  const extra = linked.filter(ref => !hashed.includes(ref));
  const missing = hashed.filter(ref => !linked.includes(ref));
  if (extra.length > 0) {
    return {
      seq,
      kind: 'misfiled',
      message: `Event ${seq} was filed under ${extra.join(
        ', ',
      )}, which it is not about: their owners would see an event that is not theirs.`,
    };
  }
  if (missing.length > 0) {
    return {
      seq,
      kind: 'misfiled',
      message: `Event ${seq} was taken off ${missing.join(
        ', ',
      )}, which it is about: their owners would no longer see it.`,
    };
  }
  return undefined;
}

/** Entity rows for events that do not exist yet would file future events under other entities. */
export function entityRowsPastHead(
  maxLinkedSeq: number,
  headSeq: number,
): AuditChainProblem | undefined {
  if (maxLinkedSeq <= headSeq) {
    return undefined;
  }
  return {
    seq: headSeq + 1,
    kind: 'misfiled',
    message: `Entity links for events after ${headSeq}, which do not exist yet, were inserted: they would file future events under other entities.`,
  };
}
