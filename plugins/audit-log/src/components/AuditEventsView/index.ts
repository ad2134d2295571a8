export { AuditEventsView } from './AuditEventsView';
