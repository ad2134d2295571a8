import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { auditLogChainVerifyPermission } from '@slipway/backstage-plugin-audit-log-common';
import {
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
  slipwayNewsPublishPermission,
  slipwayFeedbackReadPermission,
  slipwayInsightsAllPermission,
  slipwayRunApprovePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  SlipwayActionResource,
  slipwayActionRules,
} from '@slipway/backstage-plugin-slipway-node';
import { SlipwayDemoPermissionPolicy } from './permissionPolicy';

/*
 * The example policy of docs/install.md (step 5), decided for real: each conditional decision is applied to the
 * resource with Slipway's own permission rules, as the Slipway backend applies it.
 */
const claimsOf: Record<string, string[]> = {
  alice: ['user:default/alice', 'group:default/payments'],
  bob: ['user:default/bob', 'group:default/storefront'],
  // Owns an application directly, not through a group.
  carol: ['user:default/carol'],
  root: ['user:default/root', 'group:default/platform-admins'],
};

const policy = new SlipwayDemoPermissionPolicy({
  getUserInfo: async credentials => ({
    userEntityRef: (credentials.principal as { userEntityRef: string })
      .userEntityRef,
    ownershipEntityRefs:
      claimsOf[
        (credentials.principal as { userEntityRef: string }).userEntityRef
          .split('/')
          .pop()!
      ],
  }),
});

function applies(
  criteria: PermissionCriteria<PermissionCondition>,
  resource: SlipwayActionResource,
): boolean {
  if ('allOf' in criteria)
    return criteria.allOf.every(c => applies(c, resource));
  if ('anyOf' in criteria)
    return criteria.anyOf.some(c => applies(c, resource));
  if ('not' in criteria) return !applies(criteria.not, resource);
  // The rules' params differ; each validates its own, as the permission framework does.
  const rule = Object.values(slipwayActionRules).find(
    r => r.name === criteria.rule,
  ) as { apply(resource: SlipwayActionResource, params: unknown): boolean };
  return rule.apply(resource, criteria.params ?? {});
}

async function allowed(
  person: string,
  permission: Parameters<
    SlipwayDemoPermissionPolicy['handle']
  >[0]['permission'],
  resource: Partial<SlipwayActionResource> = {},
) {
  const decision: PolicyDecision = await policy.handle({ permission }, {
    credentials: mockCredentials.user(`user:default/${person}`),
    info: { userEntityRef: `user:default/${person}`, ownershipEntityRefs: [] },
  } as any);
  if (decision.result !== AuthorizeResult.CONDITIONAL)
    return decision.result === AuthorizeResult.ALLOW;
  return applies(decision.conditions, {
    entityRef: 'component:default/checkout',
    ownerRefs: ['group:default/payments', 'user:default/carol'],
    action: 'restart',
    environment: 'dev',
    production: false,
    ...resource,
  });
}

const prod = { environment: 'prod', production: true };

describe('the demo permission policy (the example of docs/install.md)', () => {
  it('lets owners act in dev, and in production only through their group', async () => {
    expect(await allowed('alice', slipwayActionExecutePermission)).toBe(true);
    expect(await allowed('alice', slipwayActionExecutePermission, prod)).toBe(
      true,
    );
    expect(await allowed('carol', slipwayActionExecutePermission)).toBe(true);
    expect(await allowed('carol', slipwayActionExecutePermission, prod)).toBe(
      false,
    );
  });

  it('keeps other teams out, and lets platform admins do everything', async () => {
    expect(await allowed('bob', slipwayActionExecutePermission)).toBe(false);
    expect(await allowed('bob', slipwayRunApprovePermission, prod)).toBe(false);
    expect(await allowed('root', slipwayActionExecutePermission, prod)).toBe(
      true,
    );
    expect(await allowed('root', slipwayActionForcePermission)).toBe(true);
    expect(await allowed('root', auditLogChainVerifyPermission)).toBe(true);
    expect(await allowed('root', slipwayNewsPublishPermission)).toBe(true);
  });

  it('leaves forcing a safety check, verifying the audit chain and publishing news to platform admins, and approvals to the owner group', async () => {
    expect(await allowed('alice', slipwayActionForcePermission)).toBe(false);
    expect(await allowed('alice', slipwayNewsPublishPermission)).toBe(false);
    expect(await allowed('alice', slipwayFeedbackReadPermission)).toBe(false);
    expect(await allowed('root', slipwayFeedbackReadPermission)).toBe(true);
    expect(await allowed('alice', slipwayInsightsAllPermission)).toBe(false);
    expect(await allowed('root', slipwayInsightsAllPermission)).toBe(true);
    expect(await allowed('alice', auditLogChainVerifyPermission)).toBe(false);
    expect(await allowed('alice', slipwayRunApprovePermission, prod)).toBe(
      true,
    );
    expect(await allowed('carol', slipwayRunApprovePermission, prod)).toBe(
      false,
    );
  });
});
