export { AuditEventFilterBar, readsShown } from './AuditEventFilterBar';
export { useFilterSuggestions } from './useFilterSuggestions';
