export { auditLogApiRef } from './AuditLogApi';
export type { AuditLogApi, AuditLogExportFormat } from './AuditLogApi';
export { AuditLogClient } from './AuditLogClient';
