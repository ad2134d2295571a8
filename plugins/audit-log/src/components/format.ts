import { DateTime } from 'luxon';
import {
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';

/** A time in the reader's own time zone, to the second, with the zone's abbreviation. */
export function formatTime(iso: string): string {
  return DateTime.fromISO(iso).toLocal().toFormat('yyyy-LL-dd HH:mm:ss ZZZZ');
}

/** How long ago, e.g. "5 minutes ago". */
export function formatRelative(iso: string): string {
  return DateTime.fromISO(iso).toRelative() ?? '';
}

/** An ISO time as the value of a `datetime-local` input, in the reader's time zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocal().toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/** A `datetime-local` value, read in the reader's time zone, as an ISO time in UTC. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = DateTime.fromISO(value);
  return time.isValid ? time.toUTC().toISO() ?? undefined : undefined;
}

export const STATUS_LABELS: Record<AuditEventStatus, string> = {
  initiated: 'Initiated',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const SEVERITY_LABELS: Record<AuditEventSeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
