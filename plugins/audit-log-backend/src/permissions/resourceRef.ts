import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  AUDIT_LOG_EVENT_RESOURCE_TYPE,
  AuditEvent,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditEventAccessCondition } from '../store/queryTypes';

/**
 * An audit event as permission rules see it when they are applied to one loaded event: with the owners of the
 * entities it is about, looked up in the catalog.
 *
 * @public
 */
export type AuditLogEventResource = AuditEvent & {
  /** Full refs of the owners (users or groups) of the entities the event is about. */
  entityOwnerRefs: string[];
};

/**
 * The `audit-log-event` resource type of the audit-log plugin.
 *
 * @public
 */
export const auditLogEventResourceRef = createPermissionResourceRef<
  AuditLogEventResource,
  AuditEventAccessCondition
>().with({
  pluginId: 'audit-log',
  resourceType: AUDIT_LOG_EVENT_RESOURCE_TYPE,
});
