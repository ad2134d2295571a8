export { AuditEventDetailsDialog } from './AuditEventDetailsDialog';
