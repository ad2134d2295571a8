/**
 * Slipway's audit log in the portal: the Audit log page and the Activity tab of entity pages.
 *
 * @packageDocumentation
 */

export { auditLogPlugin, AuditLogPage, EntityAuditLogContent } from './plugin';
export * from './api';
