import { ConflictError } from '@backstage/errors';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { z } from 'zod';

/** Zod's issues as one message naming each parameter, e.g. `parameters.ttlHours: must be at most 24 hours`. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map(
      issue =>
        `${
          issue.path.length
            ? `parameters.${issue.path.join('.')}`
            : 'parameters'
        }: ${issue.message}`,
    )
    .join('; ');
}

/** An idempotency key names one request: reusing it for another is a mistake worth a clear error. */
export function sameRequest(
  existing: Run,
  target: { action: string; environment: string; entityRef: string },
  parameters: Record<string, unknown>,
): Run {
  const same =
    existing.action === target.action &&
    existing.environment === target.environment &&
    existing.entityRef === target.entityRef &&
    Object.entries(parameters).every(
      ([k, v]) => JSON.stringify(existing.parameters[k]) === JSON.stringify(v),
    );
  if (!same) {
    throw new ConflictError(
      `Idempotency key already used for another request (run ${existing.id}); use a new key for a new request`,
    );
  }
  return existing;
}
