import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  AUDIT_EVENT_SEVERITIES,
  AUDIT_EVENT_STATUSES,
} from '@slipway/backstage-plugin-audit-log-common';
import { EventFilters } from '../store/queryTypes';

const text = z.string().trim().min(1);

const severity = z.enum(AUDIT_EVENT_SEVERITIES as [string, ...string[]]);

const time = (name: string) =>
  z.iso
    .datetime({
      offset: true,
      message: `${name} must be an ISO 8601 time with a time zone, e.g. 2026-05-01T00:00:00Z`,
    })
    .transform(value => new Date(value));

const entityRef = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, { defaultNamespace: 'default' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message:
          'entityRef must be a full entity ref with its kind, e.g. component:default/checkout-api',
      });
      return z.NEVER;
    }
  });

const filtersSchema = z
  .object({
    actor: text.optional(),
    plugin: text.optional(),
    eventId: text.optional(),
    entityRef: entityRef.optional(),
    environment: text.optional(),
    status: z.enum(AUDIT_EVENT_STATUSES as [string, ...string[]]).optional(),
    severity: severity.optional(),
    minSeverity: severity.optional(),
    from: time('from').optional(),
    to: time('to').optional(),
    text: text.transform(value => value.toLocaleLowerCase('en-US')).optional(),
    operationId: text.optional(),
  })
  .refine(({ from, to }) => !from || !to || from < to, {
    message: 'from must be before to',
  });

/**
 * Turns the filter query parameters into store filters. The OpenAPI validator has already checked names and types;
 * this checks what it cannot (times, entity refs, a time range that ends before it starts) and normalizes.
 */
export function parseEventFilters(
  query: Record<string, unknown>,
): EventFilters {
  const parsed = filtersSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InputError(`Invalid filter, ${where}${issue.message}`);
  }
  return parsed.data as EventFilters;
}
