import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of audit events in the permission framework. Conditional decisions on
 * {@link auditLogEventReadPermission} use rules registered for this type by the audit-log backend.
 *
 * @public
 */
export const AUDIT_LOG_EVENT_RESOURCE_TYPE = 'audit-log-event';

/**
 * Reading audit events: listing, opening one, exporting.
 *
 * @remarks
 *
 * A policy answers with ALLOW (the reader sees every event, e.g. platform admins), DENY, or CONDITIONAL with the
 * rules of the `audit-log-event` resource type, e.g. `isAboutEntityOwnedBy({ claims: ownershipEntityRefs })` so
 * owners see the events about their own entities. The backend applies the conditions in its database query, so
 * lists, pages and exports only ever contain the events the reader may see.
 *
 * @public
 */
export const auditLogEventReadPermission = createPermission({
  name: 'audit-log.event.read',
  attributes: { action: 'read' },
  resourceType: AUDIT_LOG_EVENT_RESOURCE_TYPE,
});

/**
 * Running and reading the verification of the hash chain. A basic permission (ALLOW or DENY): a verification walks
 * the whole chain, so it is meant for platform admins and auditors.
 *
 * @public
 */
export const auditLogChainVerifyPermission = createPermission({
  name: 'audit-log.chain.verify',
  attributes: { action: 'read' },
});

/**
 * Every permission of the audit log, for registration and for policy authors.
 *
 * @public
 */
export const auditLogPermissions = [
  auditLogEventReadPermission,
  auditLogChainVerifyPermission,
];
