import { createConditionExports } from '@backstage/plugin-permission-node';
import { auditLogEventPermissionRules } from './rules';
import { auditLogEventResourceRef } from './resourceRef';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: auditLogEventResourceRef,
  rules: auditLogEventPermissionRules,
});

/**
 * Conditions for policies that answer `audit-log.event.read` conditionally, e.g.
 * `auditLogEventConditions.isAboutEntityOwnedBy({ claims: user.identity.ownershipEntityRefs })`.
 *
 * @public
 */
export const auditLogEventConditions = conditions;

/**
 * Wraps audit event conditions into a conditional policy decision.
 *
 * @public
 */
export const createAuditLogEventConditionalDecision = createConditionalDecision;
