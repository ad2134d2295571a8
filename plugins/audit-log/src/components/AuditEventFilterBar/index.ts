export { AuditEventFilterBar } from './AuditEventFilterBar';
