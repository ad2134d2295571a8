import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  AUDIT_EVENT_FILTER_KEYS,
  AuditEventFilters,
  auditEventFiltersFromSearchParams,
  auditEventFiltersToSearchParams,
} from '@slipway/backstage-plugin-audit-log-common';

/** The page position and the opened event live in the URL next to the filters. */
const CURSOR_PARAM = 'cursor';
const EVENT_PARAM = 'event';

/**
 * The audit log's view state, kept in the URL so that a filtered list, a page of it, or one opened event can be
 * shared as a link and survives a reload. Parameters that are not the audit log's (an entity page's own) are kept.
 */
export function useAuditLogSearchParams() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(
    () => auditEventFiltersFromSearchParams(params),
    [params],
  );
  const cursor = params.get(CURSOR_PARAM) ?? undefined;
  const openedSeq = Number(params.get(EVENT_PARAM)) || undefined;

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params);
      change(next);
      setParams(next);
    },
    [params, setParams],
  );

  const setFilters = useCallback(
    (newFilters: AuditEventFilters) =>
      update(next => {
        // New filters start from the first page, with no event opened.
        for (const key of [
          ...AUDIT_EVENT_FILTER_KEYS,
          CURSOR_PARAM,
          EVENT_PARAM,
        ]) {
          next.delete(key);
        }
        auditEventFiltersToSearchParams(newFilters, next);
      }),
    [update],
  );

  const setCursor = useCallback(
    (newCursor: string | undefined) =>
      update(next => {
        if (newCursor) next.set(CURSOR_PARAM, newCursor);
        else next.delete(CURSOR_PARAM);
      }),
    [update],
  );

  const openEvent = useCallback(
    (seq: number | undefined) =>
      update(next => {
        if (seq) next.set(EVENT_PARAM, String(seq));
        else next.delete(EVENT_PARAM);
      }),
    [update],
  );

  return { filters, setFilters, cursor, setCursor, openedSeq, openEvent };
}
