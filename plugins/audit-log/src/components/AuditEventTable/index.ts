export { AuditEventTable } from './AuditEventTable';
