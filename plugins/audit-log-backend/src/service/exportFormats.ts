import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';

/** The export formats of the API. */
export type ExportFormat = 'csv' | 'ndjson';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

const CSV_COLUMNS: Array<[string, (event: AuditEvent) => string]> = [
  ['seq', e => String(e.seq)],
  ['occurredAt', e => e.occurredAt],
  ['plugin', e => e.plugin],
  ['eventId', e => e.eventId],
  ['severity', e => e.severity],
  ['status', e => e.status],
  ['operationId', e => e.operationId],
  ['actorType', e => e.actor.type],
  ['actorId', e => e.actor.id ?? ''],
  ['actorIp', e => e.actor.ip ?? ''],
  ['requestMethod', e => e.request?.method ?? ''],
  ['requestUrl', e => e.request?.url ?? ''],
  ['entityRefs', e => e.entityRefs.join(' ')],
  ['environment', e => e.environment ?? ''],
  ['errorName', e => e.error?.name ?? ''],
  ['errorMessage', e => e.error?.message ?? ''],
  ['meta', e => (e.meta ? JSON.stringify(e.meta) : '')],
  ['prevHash', e => e.prevHash],
  ['hash', e => e.hash],
];

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return at the start) gets a leading apostrophe: an audit export must not execute what an actor typed.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;

export function toCsvLine(event: AuditEvent): string {
  return `${CSV_COLUMNS.map(([, read]) => csvField(read(event))).join(
    ',',
  )}\r\n`;
}

export function toNdjsonLine(event: AuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}
