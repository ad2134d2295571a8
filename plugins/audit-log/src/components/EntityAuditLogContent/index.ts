export { EntityAuditLogContent } from './EntityAuditLogContent';
