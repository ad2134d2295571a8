import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';

/**
 * An audit event ready to be appended to the chain: normalized, with its entity refs and environment extracted and
 * its secrets redacted. Only what is in here is stored: the event as readers get it, before the chain gives it a
 * sequence and hashes. Its `entityRefs` are full, lower-case, sorted and without duplicates.
 *
 * @public
 */
export type AuditRecord = Omit<
  AuditEvent,
  'seq' | 'hash' | 'prevHash' | 'occurredAt'
> & {
  occurredAt: Date;
};
