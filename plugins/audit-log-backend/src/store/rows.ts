import {
  AuditEvent,
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditRecord } from '../types';
import { computeEventHash } from '../chain/eventHash';

/** A row of `audit_events` as the database drivers return it. */
export type AuditEventRow = {
  seq: number | string;
  occurred_at: Date | number | string;
  plugin_id: string;
  event_id: string;
  severity: string;
  status: string;
  operation_id: string;
  actor_type: string;
  actor_id: string | null;
  actor_ip: string | null;
  actor_hostname: string | null;
  actor_user_agent: string | null;
  request_method: string | null;
  request_url: string | null;
  environment: string | null;
  entity_refs: string;
  error_name: string | null;
  error_message: string | null;
  meta: string | null;
  search_text: string;
  prev_hash: string;
  hash: string;
};

/** Column widths of `audit_events`; values are cut to them before hashing so what is stored is what was hashed. */
const LIMITS = {
  short: 16,
  name: 255,
  actorId: 512,
  ip: 128,
  text: 16_384,
  entityRef: 512,
};

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string as the database will store it: PostgreSQL rejects NUL characters, and text is stored as UTF-8, which
 * cannot hold half of a surrogate pair (the driver would store U+FFFD instead, and the row would no longer match
 * its hash). Cutting to the column width must not split a pair either.
 */
function cut(value: string, length: number): string;
function cut(value: string | undefined, length: number): string | undefined;
function cut(value: string | undefined, length: number) {
  if (value === undefined) {
    return undefined;
  }
  return value
    .replaceAll('\u0000', '')
    .slice(0, length)
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** Makes a record fit the columns (long strings are cut) so that its hash can be recomputed from the row. */
export function fitRecordToColumns(record: AuditRecord): AuditRecord {
  const { actor, request, error } = record;
  return {
    ...record,
    // Databases keep milliseconds at most; a Date carries no more than that.
    occurredAt: new Date(record.occurredAt.getTime()),
    plugin: cut(record.plugin, LIMITS.name),
    eventId: cut(record.eventId, LIMITS.name),
    // Typed, but plugins are JavaScript: an unexpected severity must not fail the whole batch.
    severity: cut(record.severity, LIMITS.short) as AuditRecord['severity'],
    operationId: cut(record.operationId, 64),
    actor: {
      type: actor.type,
      ...(actor.id !== undefined && { id: cut(actor.id, LIMITS.actorId) }),
      ...(actor.ip !== undefined && { ip: cut(actor.ip, LIMITS.ip) }),
      ...(actor.hostname !== undefined && {
        hostname: cut(actor.hostname, LIMITS.name),
      }),
      ...(actor.userAgent !== undefined && {
        userAgent: cut(actor.userAgent, LIMITS.text),
      }),
    },
    request: request && {
      method: cut(request.method, LIMITS.short),
      url: cut(request.url, LIMITS.text),
    },
    entityRefs: [
      ...new Set(record.entityRefs.map(ref => cut(ref, LIMITS.entityRef))),
    ].sort(),
    environment: cut(record.environment, LIMITS.name),
    error: error && {
      name: cut(error.name, LIMITS.name),
      message: cut(error.message, LIMITS.text),
    },
  };
}

export function searchTextOf(record: AuditRecord): string {
  return [
    record.plugin,
    record.eventId,
    record.actor.id,
    record.request?.method,
    record.request?.url,
    record.environment,
    ...record.entityRefs,
    record.error?.name,
    record.error?.message,
    record.meta && JSON.stringify(record.meta),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

export function recordToRow(
  record: AuditRecord,
  chain: { seq: number; prevHash: string; hash: string },
): AuditEventRow {
  return {
    seq: chain.seq,
    occurred_at: record.occurredAt,
    plugin_id: record.plugin,
    event_id: record.eventId,
    severity: record.severity,
    status: record.status,
    operation_id: record.operationId,
    actor_type: record.actor.type,
    actor_id: record.actor.id ?? null,
    actor_ip: record.actor.ip ?? null,
    actor_hostname: record.actor.hostname ?? null,
    actor_user_agent: record.actor.userAgent ?? null,
    request_method: record.request?.method ?? null,
    request_url: record.request?.url ?? null,
    environment: record.environment ?? null,
    entity_refs: JSON.stringify(record.entityRefs),
    error_name: record.error?.name ?? null,
    error_message: record.error?.message ?? null,
    meta: record.meta ? JSON.stringify(record.meta) : null,
    search_text: searchTextOf(record),
    prev_hash: chain.prevHash,
    hash: chain.hash,
  };
}

/**
 * The event time of a row: PostgreSQL returns a Date, SQLite the milliseconds knex stored for the Date.
 */
export function occurredAtOf(row: Pick<AuditEventRow, 'occurred_at'>): Date {
  const value = row.occurred_at;
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
}

/** Reads a row back into the record that was hashed; throws on a row whose JSON columns do not parse. */
export function rowToRecord(row: AuditEventRow): AuditRecord {
  const actor: AuditRecord['actor'] = {
    type: row.actor_type as AuditRecord['actor']['type'],
  };
  if (row.actor_id !== null) actor.id = row.actor_id;
  if (row.actor_ip !== null) actor.ip = row.actor_ip;
  if (row.actor_hostname !== null) actor.hostname = row.actor_hostname;
  if (row.actor_user_agent !== null) actor.userAgent = row.actor_user_agent;
  const record: AuditRecord = {
    occurredAt: occurredAtOf(row),
    plugin: row.plugin_id,
    eventId: row.event_id,
    severity: row.severity as AuditEventSeverity,
    status: row.status as AuditEventStatus,
    operationId: row.operation_id,
    actor,
    entityRefs: JSON.parse(row.entity_refs),
  };
  if (row.request_method !== null || row.request_url !== null) {
    record.request = {
      method: row.request_method ?? '',
      url: row.request_url ?? '',
    };
  }
  if (row.environment !== null) record.environment = row.environment;
  if (row.error_name !== null || row.error_message !== null) {
    record.error = {
      name: row.error_name ?? '',
      message: row.error_message ?? '',
    };
  }
  if (row.meta !== null) record.meta = JSON.parse(row.meta);
  return record;
}

export function rowToEvent(row: AuditEventRow): AuditEvent {
  const { occurredAt, ...record } = rowToRecord(row);
  return {
    seq: Number(row.seq),
    occurredAt: occurredAt.toISOString(),
    ...record,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

/** The record a row holds, or `undefined` when its JSON columns no longer parse (such a row matches no hash). */
export function readRecord(row: AuditEventRow): AuditRecord | undefined {
  try {
    return rowToRecord(row);
  } catch {
    return undefined;
  }
}

/** Recomputes a row's hash from its record (read once by a caller that needs it for more checks). */
export function rowHashMatches(
  row: AuditEventRow,
  record: AuditRecord | undefined = readRecord(row),
): boolean {
  return (
    record !== undefined && computeEventHash(row.prev_hash, record) === row.hash
  );
}
