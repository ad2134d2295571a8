import {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { DatabaseCopy } from './DatabaseCopyStore';

/** Audit events of database copies (docs/database-copies.md lists them). */
export type CopyAuditEventId =
  | 'slipway-db-copy-credentials'
  | 'slipway-db-copy-extend'
  | 'slipway-db-copy-destroy'
  | 'slipway-db-copy-expire'
  | 'slipway-db-copy-discard';

/**
 * Every audit event of a copy goes through here, with the meta the audit log indexes (`entityRef`, `environment`)
 * and what identifies the copy. Never the password, host or anything else of the connection details.
 */
export async function auditCopy(
  auditor: AuditorService,
  eventId: CopyAuditEventId,
  copy: DatabaseCopy,
  options: {
    request?: Request<any, any, any, any, any>;
    meta?: Record<string, string | number | boolean>;
  } = {},
): Promise<AuditorServiceEvent> {
  return auditor.createEvent({
    eventId,
    severityLevel:
      eventId === 'slipway-db-copy-credentials' ? 'high' : 'medium',
    request: options.request,
    meta: {
      entityRef: copy.entityRef,
      environment: copy.environment,
      copyId: copy.id,
      runId: copy.id,
      database: copy.database,
      component: copy.component,
      requester: copy.requester,
      ...options.meta,
    },
  });
}
