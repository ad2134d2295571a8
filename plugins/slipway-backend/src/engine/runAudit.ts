import {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { Request } from 'express';

/** Audit events of runs (docs/actions.md lists them). */
export type RunAuditEventId =
  | 'slipway-run-request'
  | 'slipway-run-preview'
  | 'slipway-run-execution'
  | 'slipway-run-cancel'
  | 'slipway-run-recovery'
  | 'slipway-run-approval'
  | 'slipway-run-feedback';

/**
 * Every audit event of a run goes through here, so they all carry the same meta: the application (`entityRef`) and
 * environment the audit log indexes, and the run. Parameters are included; they never hold secrets (executors keep
 * theirs in configuration).
 */
export async function auditRun(
  auditor: AuditorService,
  eventId: RunAuditEventId,
  run: Pick<
    Run,
    'action' | 'entityRef' | 'environment' | 'parameters' | 'requester'
  > & { id?: string },
  options: {
    request?: Request<any, any, any, any, any>;
    production: boolean;
    /** By default high in production, medium elsewhere; a preview, which changes nothing, is low. */
    severityLevel?: 'low';
    meta?: Record<string, unknown>;
  },
): Promise<AuditorServiceEvent> {
  return auditor.createEvent({
    eventId,
    severityLevel:
      options.severityLevel ?? (options.production ? 'high' : 'medium'),
    request: options.request,
    meta: {
      entityRef: run.entityRef,
      environment: run.environment,
      action: run.action,
      runId: run.id,
      requester: run.requester,
      parameters: run.parameters as JsonObject,
      ...options.meta,
    },
  });
}
