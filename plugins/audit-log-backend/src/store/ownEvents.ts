import { randomUUID } from 'node:crypto';
import { JsonObject } from '@backstage/types';
import { AuditRecord } from '../types';
import { fitRecordToColumns } from './rows';

/** The event a purge appends to the chain; a verification accepts a checkpoint only if such an event names it. */
export const PURGE_EVENT = { plugin: 'audit-log', eventId: 'retention-purge' };

/**
 * An event the audit log records about its own chain (a retention purge, a head sealed at startup), appended by the
 * store itself inside the transaction that made the change, not through the auditor.
 */
export function ownEvent(
  eventId: string,
  severity: AuditRecord['severity'],
  meta: JsonObject,
): AuditRecord {
  return fitRecordToColumns({
    plugin: PURGE_EVENT.plugin,
    eventId,
    occurredAt: new Date(),
    severity,
    status: 'succeeded',
    operationId: randomUUID(),
    actor: { type: 'service', id: 'plugin:audit-log' },
    entityRefs: [],
    meta,
  });
}
