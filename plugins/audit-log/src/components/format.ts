import { DateTime } from 'luxon';
import {
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';

/**
 * A time as the reader writes it (their locale) in their own time zone, to the second, with the zone's
 * abbreviation: "4 May 2026, 12:15:30 CEST" in en-GB, "May 4, 2026, 12:15:30 PM GMT+2" in en-US.
 */
export function formatTime(iso: string): string {
  return DateTime.fromISO(iso)
    .toLocal()
    .toLocaleString({
      ...DateTime.DATETIME_MED_WITH_SECONDS,
      timeZoneName: 'short',
    });
}

/** Under this, a time is "now": seconds do not matter to a reader, and clocks differ by that much. */
const NOW_SECONDS = 45;

/** How long ago, in the reader's locale, e.g. "5 minutes ago", or "now". */
export function formatRelative(iso: string): string {
  const time = DateTime.fromISO(iso);
  // A server clock a little ahead of the reader's must not turn what just happened into "in 3 seconds".
  if (DateTime.now().diff(time).as('seconds') < NOW_SECONDS) {
    return new Intl.RelativeTimeFormat(time.locale ?? undefined, {
      numeric: 'auto',
    }).format(0, 'second');
  }
  return time.toRelative() ?? '';
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
