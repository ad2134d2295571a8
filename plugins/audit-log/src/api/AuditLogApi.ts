import { createApiRef } from '@backstage/core-plugin-api';
import {
  AuditChainVerification,
  AuditEvent,
  AuditEventFilters,
  AuditEventPage,
  AuditEventSuggestions,
} from '@slipway/backstage-plugin-audit-log-common';

/**
 * The formats the audit log exports to.
 *
 * @public
 */
export type AuditLogExportFormat = 'csv' | 'ndjson';

/**
 * The audit-log backend's API as the portal uses it.
 *
 * @public
 */
export interface AuditLogApi {
  /** One page of events matching the filters, newest first. */
  listEvents(request: {
    filters: AuditEventFilters;
    cursor?: string;
    limit?: number;
  }): Promise<AuditEventPage>;

  /** One event by its sequence. */
  getEvent(seq: number): Promise<AuditEvent>;

  /** Every event matching the filters, as a CSV or NDJSON file with the name the server chose. */
  exportEvents(request: {
    filters: AuditEventFilters;
    format: AuditLogExportFormat;
  }): Promise<{ blob: Blob; fileName: string }>;

  /**
   * Who acted and which actions were recorded among the latest events matching the filters, the most recently seen
   * first: what the filters suggest.
   */
  getSuggestions(request: {
    filters: AuditEventFilters;
  }): Promise<AuditEventSuggestions>;

  /** The latest verification of the hash chain, if one ran. */
  getLatestVerification(): Promise<AuditChainVerification | undefined>;

  /** Verifies the whole hash chain now. */
  verifyChain(): Promise<AuditChainVerification>;
}

/**
 * The {@link AuditLogApi}.
 *
 * @public
 */
export const auditLogApiRef = createApiRef<AuditLogApi>({
  id: 'plugin.audit-log.api',
});
