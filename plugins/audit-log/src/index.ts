export { auditLogPlugin, AuditLogPage } from './plugin';
