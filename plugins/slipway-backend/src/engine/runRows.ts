import {
  Run,
  RunApproval,
  RunLogLine,
  RunResult,
} from '@slipway/backstage-plugin-slipway-common';
import { redactFreeText } from './redactFreeText';

/** Rows of the runs tables as the API's types; the same on SQLite and PostgreSQL (dates, booleans, JSON as text). */

export function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export const date = (value: unknown) =>
  value === null || value === undefined ? undefined : new Date(value as string);
export const iso = (value: unknown) => date(value)?.toISOString();

export function toRun(row: any): Run {
  return {
    id: row.id,
    action: row.action,
    entityRef: row.entity_ref,
    environment: row.environment,
    parameters: JSON.parse(row.parameters),
    requester: row.requester,
    status: row.status,
    createdAt: iso(row.created_at)!,
    ...(row.started_at ? { startedAt: iso(row.started_at) } : {}),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    ...(row.result ? { result: JSON.parse(row.result) as RunResult } : {}),
    ...(row.error ? { error: row.error } : {}),
    attempts: row.attempts,
    cancelRequested: Boolean(row.cancel_requested),
    ...(row.approval_expires_at || row.decision
      ? { approval: approvalOf(row) }
      : {}),
    ...(row.feedback_at
      ? {
          feedback: {
            helpful: Boolean(row.feedback_helpful),
            ...(row.feedback_comment ? { comment: row.feedback_comment } : {}),
            at: iso(row.feedback_at)!,
          },
        }
      : {}),
  };
}

export const toLogLine = (row: any): RunLogLine => ({
  id: Number(row.id),
  at: iso(row.at)!,
  level: row.level,
  message: row.message,
});

function approvalOf(row: any): RunApproval {
  return {
    ...(row.approval_expires_at
      ? { expiresAt: iso(row.approval_expires_at) }
      : {}),
    ...(row.decision
      ? {
          decision: row.decision,
          decidedBy: row.decided_by,
          decidedAt: iso(row.decided_at),
        }
      : {}),
    ...(row.decision_comment ? { comment: row.decision_comment } : {}),
  };
}

/** A row of `slipway_run_logs`, its message redacted like any free text. */
export function logRow(
  runId: string,
  level: RunLogLine['level'],
  message: string,
) {
  return {
    run_id: runId,
    at: new Date(),
    level,
    message: redactFreeText(message),
  };
}
