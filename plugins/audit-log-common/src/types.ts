import { JsonObject } from '@backstage/types';

/**
 * How serious an audited operation is, as given by the plugin that emitted it.
 *
 * @public
 */
export type AuditEventSeverity = 'low' | 'medium' | 'high' | 'critical';

/**
 * The severities from the least to the most serious.
 *
 * @public
 */
export const AUDIT_EVENT_SEVERITIES: readonly AuditEventSeverity[] = [
  'low',
  'medium',
  'high',
  'critical',
];

/**
 * The severities at least as serious as `min`, e.g. `medium`, `high` and `critical` for `medium`. Backstage's auditor
 * records events at `low` ("normal usage") unless a plugin says otherwise, and `medium` and up for writes: `low` are
 * the reads (the catalog's `entity-fetch`, Slipway's `slipway-run-preview`), `medium` and up the changes.
 *
 * @public
 */
export function auditEventSeveritiesFrom(
  min: AuditEventSeverity,
): AuditEventSeverity[] {
  return AUDIT_EVENT_SEVERITIES.slice(AUDIT_EVENT_SEVERITIES.indexOf(min));
}

/**
 * Where an audited operation stands: every operation is recorded when it starts (`initiated`) and again when it
 * ends (`succeeded` or `failed`); both records share an operation id.
 *
 * @public
 */
export type AuditEventStatus = 'initiated' | 'succeeded' | 'failed';

/** @public */
export const AUDIT_EVENT_STATUSES: readonly AuditEventStatus[] = [
  'initiated',
  'succeeded',
  'failed',
];

/**
 * Who caused an event: a signed-in user (id is the user entity ref), another backend or plugin (id is the service
 * subject, e.g. `plugin:scaffolder`), or nobody identifiable.
 *
 * @public
 */
export type AuditEventActor = {
  type: 'user' | 'service' | 'none';
  id?: string;
  ip?: string;
  hostname?: string;
  userAgent?: string;
};

/**
 * One stored audit event, as the audit-log API returns it.
 *
 * @public
 */
export type AuditEvent = {
  /** Position in the hash chain; gap-free and increasing. */
  seq: number;
  /** ISO 8601 time at which the plugin reported the event. */
  occurredAt: string;
  /** The plugin that emitted the event, e.g. `catalog`. */
  plugin: string;
  /** The plugin's name for the kind of operation, e.g. `entity-mutate`. */
  eventId: string;
  severity: AuditEventSeverity;
  status: AuditEventStatus;
  /** Shared by the `initiated` record of an operation and its outcome. */
  operationId: string;
  actor: AuditEventActor;
  /** The HTTP request that caused the event, if any; secrets in the query string are redacted. */
  request?: { method: string; url: string };
  /** Full, lower-case entity refs the event is about. */
  entityRefs: string[];
  /** The Slipway environment the event is about, e.g. `prod`. */
  environment?: string;
  error?: { name: string; message: string };
  /** The plugin's details, with secrets redacted before storage. */
  meta?: JsonObject;
  /** SHA-256 of this event's canonical content chained to `prevHash`. */
  hash: string;
  prevHash: string;
};

/**
 * Filters of the audit event list and export; every given filter must match.
 *
 * @public
 */
export type AuditEventFilters = {
  /** Actor id, e.g. `user:default/alice` or `plugin:scaffolder`. */
  actor?: string;
  plugin?: string;
  eventId?: string;
  /** A full entity ref, e.g. `component:default/checkout-api`. */
  entityRef?: string;
  environment?: string;
  status?: AuditEventStatus;
  severity?: AuditEventSeverity;
  /**
   * Only events of this severity or more serious ones; `medium` leaves out reads, which plugins record at `low`.
   */
  minSeverity?: AuditEventSeverity;
  /** Inclusive lower bound, ISO 8601. */
  from?: string;
  /** Exclusive upper bound, ISO 8601. */
  to?: string;
  /** Case-insensitive text found in the event id, actor, request, entity refs, environment, error or details. */
  text?: string;
  operationId?: string;
};

/**
 * One page of audit events, newest first. Cursors are opaque.
 *
 * @public
 */
export type AuditEventPage = {
  items: AuditEvent[];
  /** Cursor of the next page of older events, absent on the last page. */
  olderCursor?: string;
  /** Cursor of the previous page of newer events, absent on the first page. */
  newerCursor?: string;
};

/**
 * What the portal's filters suggest: who acted and which actions were recorded among the latest events matching
 * some filters that the reader may see, the most recently seen first.
 *
 * @public
 */
export type AuditEventSuggestions = {
  /** Users (by user entity ref) and services (by subject, e.g. `plugin:scaffolder`). */
  actors: Array<{ type: 'user' | 'service'; id: string }>;
  /** An action is a plugin's event id; the same event id may come from several plugins. */
  actions: Array<{ plugin: string; eventId: string }>;
};

/**
 * What a verification of the hash chain found wrong first.
 *
 * - `changed`: the row's content does not match its hash.
 * - `removed`: a sequence number is missing, or the chain ends before its recorded head.
 * - `inserted`: the row was added between two events (the next row links to the row before it).
 * - `unlinked`: the row does not link to the row before it: rows were removed and renumbered, or the previous row
 *   was rewritten together with its hash.
 * - `truncated`: events were removed at an end of the chain: the head is behind an event this backend recorded, or
 *   the retention checkpoint moved without a retention purge that says so.
 * - `misfiled`: the event's entity links (which decide whose owners see it) do not match the entities it is about.
 * - `unsealed`: the chain head's keyed seal does not match: the head was moved or the chain rewritten and re-hashed.
 * - `forged`: the stored result of the last verification was changed outside the audit log.
 *
 * @public
 */
export type AuditChainProblem = {
  seq: number;
  kind:
    | 'changed'
    | 'removed'
    | 'inserted'
    | 'unlinked'
    | 'truncated'
    | 'misfiled'
    | 'unsealed'
    | 'forged';
  message: string;
};

/**
 * The result of walking the hash chain.
 *
 * @public
 */
export type AuditChainVerification = {
  ok: boolean;
  verifiedAt: string;
  /** Number of events checked. */
  checkedEvents: number;
  /** First sequence checked: the one after the retention checkpoint. */
  fromSeq: number;
  /** Last sequence of the chain when the walk started. */
  toSeq: number;
  /**
   * Whether the chain head carries a keyed seal (`auditLog.integrity.key`) that this verification checked. Without
   * one, events removed at the end, or a chain rewritten and re-hashed, show only against this backend's memory of
   * what it recorded.
   */
  sealed?: boolean;
  problem?: AuditChainProblem;
};
