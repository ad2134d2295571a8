import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import {
  SlipwayConfig,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
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

/** The configured environment of that name; an unknown one is bad input that lists the known ones. */
export function findEnvironment(
  config: SlipwayConfig,
  name: string,
): SlipwayEnvironment {
  const environment = config.environments.find(e => e.name === name);
  if (!environment)
    throw new InputError(
      `Unknown environment "${name}"; configured: ${config.environments
        .map(e => e.name)
        .join(', ')}`,
    );
  return environment;
}

const entityNames = makeValidator();

/** A full entity ref from a full one or a short one (`checkout-api` is `component:default/checkout-api`). */
export function normalizeEntityRef(ref: string): string {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    // What the catalog accepts as names, so nothing else (a NUL byte, say) reaches a query.
    if (
      !entityNames.isValidKind(parsed.kind) ||
      !entityNames.isValidNamespace(parsed.namespace) ||
      !entityNames.isValidEntityName(parsed.name)
    )
      throw new Error();
    return stringifyEntityRef(parsed);
  } catch {
    throw new InputError(
      `"${ref}" is not an entity reference such as component:default/checkout-api`,
    );
  }
}

/** A refusal as one error message: the reason, then the technical detail in parentheses. */
export function refusalMessage(refusal: {
  reason: string;
  detail?: string;
}): string {
  return refusal.detail
    ? `${refusal.reason} (${refusal.detail})`
    : refusal.reason;
}
