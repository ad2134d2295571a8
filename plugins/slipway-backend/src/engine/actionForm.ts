import { Entity } from '@backstage/catalog-model';
import { SlipwayApplicationSpec } from '@slipway/backstage-plugin-slipway-common';
import {
  ActionChoice,
  ActionDefinition,
  ActionForm,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';

type PropertySchema = Record<string, unknown> & { requiresForce?: boolean };

type FormContext = {
  entity: Entity;
  /** Absent when the application is not Slipway's to act on. */
  application?: SlipwayApplicationSpec;
  environment: SlipwayEnvironment;
  mayForce: boolean;
};

/** {@link actionForm} for an action whose `form` may need to look something up (e.g. a rollback's earlier versions). */
export async function actionFormFor(
  action: ActionDefinition<any>,
  ctx: FormContext,
): Promise<Record<string, unknown>> {
  const form = ctx.application
    ? await action.form?.({
        entity: ctx.entity,
        application: ctx.application,
        environment: ctx.environment,
      })
    : undefined;
  return actionForm(action, { ...ctx, form });
}

/**
 * The JSON Schema of an action's form, as one person sees it for one application and environment: without the
 * parameters that do not apply there or that need a permission they lack (`requiresForce`), and with the defaults
 * the run would take, so that every control starts as what will happen.
 */
export function actionForm(
  action: ActionDefinition<any>,
  ctx: FormContext & {
    /** The action's form for this application, already resolved; without it, `action.form` is asked (synchronously). */
    form?: ActionForm<any>;
  },
): Record<string, unknown> {
  const schema = z.toJSONSchema(action.parameters, {
    unrepresentable: 'any',
  }) as Record<string, unknown> & {
    properties?: Record<string, PropertySchema>;
  };
  const form = 'form' in ctx ? ctx.form : synchronousForm(action, ctx);
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
    const choices = (
      form?.choices as Record<string, ActionChoice[]> | undefined
    )?.[name];
    // JSON Schema's way to name each allowed value: the form shows the title, the run gets the const.
    const offered = choices
      ? { oneOf: choices.map(c => ({ const: c.value, title: c.label })) }
      : {};
    if (fixed !== undefined)
      properties[name] = {
        ...rest,
        ...offered,
        default: fixed,
        readOnly: true,
      };
    else if (fallback !== undefined)
      properties[name] = { ...rest, ...offered, default: fallback };
    else properties[name] = { ...rest, ...offered };
  }
  return { ...schema, properties };
}

function synchronousForm(
  action: ActionDefinition<any>,
  ctx: FormContext,
): ActionForm<any> | undefined {
  if (!ctx.application) return undefined;
  const form = action.form?.({
    entity: ctx.entity,
    application: ctx.application,
    environment: ctx.environment,
  });
  if (form instanceof Promise)
    throw new Error(
      `The form of ${action.id} is looked up asynchronously: use actionFormFor`,
    );
  return form;
}
