import { Entity } from '@backstage/catalog-model';
import { SlipwayApplicationSpec } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionDefinition,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';

type PropertySchema = Record<string, unknown> & { requiresForce?: boolean };

/**
 * The JSON Schema of an action's form, as one person sees it for one application and environment: without the
 * parameters that do not apply there or that need a permission they lack (`requiresForce`), and with the defaults
 * the run would take, so that every control starts as what will happen.
 */
export function actionForm(
  action: ActionDefinition<any>,
  ctx: {
    entity: Entity;
    /** Absent when the application is not Slipway's to act on. */
    application?: SlipwayApplicationSpec;
    environment: SlipwayEnvironment;
    mayForce: boolean;
  },
): Record<string, unknown> {
  const schema = z.toJSONSchema(action.parameters, {
    unrepresentable: 'any',
  }) as Record<string, unknown> & {
    properties?: Record<string, PropertySchema>;
  };
  const form = ctx.application
    ? action.form?.({
        entity: ctx.entity,
        application: ctx.application,
        environment: ctx.environment,
      })
    : undefined;
  const omitted = new Set<string>(form?.omit ?? []);
  const properties: Record<string, PropertySchema> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (omitted.has(name) || (property.requiresForce && !ctx.mayForce))
      continue;
    const { requiresForce: _, ...rest } = property;
    const fixed = (form?.fixed as Record<string, unknown> | undefined)?.[name];
    const fallback = (form?.defaults as Record<string, unknown> | undefined)?.[
      name
    ];
    if (fixed !== undefined)
      properties[name] = { ...rest, default: fixed, readOnly: true };
    else if (fallback !== undefined)
      properties[name] = { ...rest, default: fallback };
    else properties[name] = rest;
  }
  return { ...schema, properties };
}
