import {
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';

/**
 * A condition that limits which events a reader may see, produced from a policy's conditional decision by the
 * permission rules of the `audit-log-event` resource type.
 *
 * @public
 */
export type AuditEventAccessCondition =
  | { kind: 'aboutEntities'; entityRefs: string[] }
  | { kind: 'aboutEntitiesOwnedBy'; claims: string[] }
  | { kind: 'fromPlugins'; pluginIds: string[] }
  | { kind: 'byActors'; actorIds: string[] };

/** An access condition after ownership was looked up in the catalog: what the store can turn into SQL. */
export type ResolvedAccessCondition = Exclude<
  AuditEventAccessCondition,
  { kind: 'aboutEntitiesOwnedBy' }
>;

/** Validated, normalized filters (see `parseEventFilters`). */
export type EventFilters = {
  actor?: string;
  plugin?: string;
  eventId?: string;
  /** Lower-case full entity ref. */
  entityRef?: string;
  environment?: string;
  status?: AuditEventStatus;
  severity?: AuditEventSeverity;
  /** This severity and the more serious ones. */
  minSeverity?: AuditEventSeverity;
  from?: Date;
  to?: Date;
  /** Lower-case. */
  text?: string;
  operationId?: string;
};

/** What to read: the user's filters, limited by what the reader may see (`undefined`: everything). */
export type EventQuery = {
  filters: EventFilters;
  access?: PermissionCriteria<ResolvedAccessCondition>;
};

/** A position in a newest-first list: the page continues with events older or newer than `seq`. */
export type PageCursor = { seq: number; direction: 'older' | 'newer' };
