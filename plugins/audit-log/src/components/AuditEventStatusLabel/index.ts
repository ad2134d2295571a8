export { AuditEventStatusLabel } from './AuditEventStatusLabel';
