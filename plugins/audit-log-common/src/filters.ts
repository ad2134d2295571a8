import {
  AUDIT_EVENT_SEVERITIES,
  AUDIT_EVENT_STATUSES,
  AuditEventFilters,
  AuditEventSeverity,
  AuditEventStatus,
} from './types';

/**
 * The names of the filters, which are also their query-string parameter names in the API and in the portal's URLs.
 *
 * @public
 */
export const AUDIT_EVENT_FILTER_KEYS = [
  'actor',
  'plugin',
  'eventId',
  'entityRef',
  'environment',
  'status',
  'severity',
  'minSeverity',
  'from',
  'to',
  'text',
  'operationId',
] as const;

/**
 * Writes the non-empty filters into query-string parameters.
 *
 * @public
 */
export function auditEventFiltersToSearchParams(
  filters: AuditEventFilters,
  params: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  for (const key of AUDIT_EVENT_FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) {
      params.set(key, value);
    }
  }
  return params;
}

/**
 * Reads filters from query-string parameters, leniently: unknown statuses and severities are dropped rather than
 * rejected, because URLs are typed and shared by people. The API validates strictly.
 *
 * @public
 */
export function auditEventFiltersFromSearchParams(
  params: URLSearchParams,
): AuditEventFilters {
  const filters: AuditEventFilters = {};
  for (const key of AUDIT_EVENT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) {
      continue;
    }
    if (key === 'status') {
      if ((AUDIT_EVENT_STATUSES as readonly string[]).includes(value)) {
        filters.status = value as AuditEventStatus;
      }
    } else if (key === 'severity' || key === 'minSeverity') {
      if ((AUDIT_EVENT_SEVERITIES as readonly string[]).includes(value)) {
        filters[key] = value as AuditEventSeverity;
      }
    } else {
      filters[key] = value;
    }
  }
  return filters;
}
