import { createConditionExports } from '@backstage/plugin-permission-node';
import { slipwayActionResourceRef } from './resource';
import { slipwayActionRules } from './rules';

const exported = createConditionExports({
  resourceRef: slipwayActionResourceRef,
  rules: slipwayActionRules,
});

/**
 * Conditions for a permission policy's conditional decisions on Slipway actions.
 *
 * @example
 * ```ts
 * createSlipwayActionConditionalDecision(permission, {
 *   allOf: [
 *     slipwayActionConditions.isApplicationOwner({ claims }),
 *     { not: slipwayActionConditions.isProductionEnvironment() },
 *   ],
 * });
 * ```
 *
 * @public
 */
export const slipwayActionConditions = exported.conditions;

/** @public */
export const createSlipwayActionConditionalDecision =
  exported.createConditionalDecision;
