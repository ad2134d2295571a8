import {
  AuditEventActor,
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';
import { JsonObject } from '@backstage/types';

/**
 * An audit event ready to be appended to the chain: normalized, with its entity refs and environment extracted and
 * its secrets redacted. Only what is in here is stored.
 *
 * @public
 */
export type AuditRecord = {
  occurredAt: Date;
  plugin: string;
  eventId: string;
  severity: AuditEventSeverity;
  status: AuditEventStatus;
  operationId: string;
  actor: AuditEventActor;
  request?: { method: string; url: string };
  /** Full, lower-case entity refs, sorted, without duplicates. */
  entityRefs: string[];
  environment?: string;
  error?: { name: string; message: string };
  meta?: JsonObject;
};
