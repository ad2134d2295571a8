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

export function checkEntityRows(
  row: AuditEventRow,
  linked: string[],
): AuditChainProblem | undefined {
  const seq = Number(row.seq);
  let hashed: string[];
  try {
    hashed = JSON.parse(row.entity_refs);
  } catch {
    return undefined; // the hash check has reported this row already
  }
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
export async function findEntityRowsPastHead(
  knex: Knex,
  readHead: () => Promise<{ last_seq: number | string }>,
): Promise<AuditChainProblem | undefined> {
  const max = await knex('audit_event_entities').max({ seq: 'seq' }).first();
  const headSeq = Number((await readHead()).last_seq);
  if (Number(max?.seq ?? 0) > headSeq) {
    return {
      seq: headSeq + 1,
      kind: 'misfiled',
      message: `Entity links for events after ${headSeq}, which do not exist yet, were inserted: they would file future events under other entities.`,
    };
  }
  return undefined;
}
