import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import { AuditRecord } from '../types';

/** The `prevHash` of the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an event: SHA-256 over the previous event's hash and the event's canonical content.
 *
 * The sequence number is deliberately not hashed: the position of an event is fixed by `prevHash`, and leaving
 * `seq` out lets a verification tell a renumbered row (its link breaks) from an edited one (its content breaks).
 * Everything a reader sees about an event is hashed; only `search_text`, which is derived from it, is not.
 */
export function computeEventHash(prevHash: string, record: AuditRecord) {
  const content = {
    v: 1,
    occurredAt: record.occurredAt.toISOString(),
    plugin: record.plugin,
    eventId: record.eventId,
    severity: record.severity,
    status: record.status,
    operationId: record.operationId,
    actor: record.actor,
    request: record.request ?? null,
    entityRefs: record.entityRefs,
    environment: record.environment ?? null,
    error: record.error ?? null,
    meta: record.meta ?? null,
  };
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}
