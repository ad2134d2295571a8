/**
 * Slipway's audit log backend: a replacement of Backstage's auditor that stores every plugin's audit events in a
 * hash chain, and the plugin that serves them for review.
 *
 * @packageDocumentation
 */

export { auditLogPlugin as default } from './plugin';
export { auditLogAuditorServiceFactory } from './auditor/auditorServiceFactory';
export { auditLogRecorderServiceRef } from './auditor/auditLogRecorderServiceRef';
export type {
  AuditLogRecorder,
  ReportedAuditEvent,
} from './auditor/AuditLogRecorder';
export { DefaultAuditLogRecorder } from './auditor/AuditLogRecorder';
export type { AuditLogConfig } from './config';
export type { Redactor } from './redaction/Redactor';
export {
  auditLogEventConditions,
  createAuditLogEventConditionalDecision,
} from './permissions/conditions';
export {
  auditLogEventPermissionRules,
  isAboutEntity,
  isAboutEntityOwnedBy,
  isByActor,
  isFromPlugin,
} from './permissions/rules';
export {
  auditLogEventResourceRef,
  type AuditLogEventResource,
} from './permissions/resourceRef';
export type {
  AuditEventStore,
  AuditEventStorePage,
} from './store/AuditEventStore';
export { DatabaseAuditEventStore } from './store/DatabaseAuditEventStore';
export type {
  AuditEventAccessCondition,
  EventFilters,
  EventQuery,
  PageCursor,
  ResolvedAccessCondition,
} from './store/queryTypes';
export type { AuditRecord } from './types';
