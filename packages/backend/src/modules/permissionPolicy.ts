import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  auditLogChainVerifyPermission,
  auditLogEventReadPermission,
} from '@slipway/backstage-plugin-audit-log-common';
import {
  auditLogEventConditions,
  createAuditLogEventConditionalDecision,
} from '@slipway/backstage-plugin-audit-log-backend';
import {
  slipwayActionExecutePermission,
  slipwayActionForcePermission,
  slipwayFeedbackReadPermission,
  slipwayInsightsAllPermission,
  slipwayNewsPublishPermission,
  slipwayRunApprovePermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  createSlipwayActionConditionalDecision,
  slipwayActionConditions,
} from '@slipway/backstage-plugin-slipway-node';

/** Members of this group may do everything. */
export const PLATFORM_ADMINS = 'group:default/platform-admins';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The demo's permission policy (docs/permissions.md explains it and one for production):
 * - platform admins may do everything;
 * - owners run actions on their applications in non-production environments; in production, only through their
 *   group (a User who owns an application directly cannot act on it in production alone);
 * - forcing a safety check, publishing platform news, reading developers' feedback and Insights across every
 *   application are for platform admins only (everyone sees their teams' Insights);
 * - approving a run is for the application's owner group (Slipway itself refuses the requester's own approval);
 * - the audit log: owners read the events about what they own; verifying the chain is for platform admins;
 * - everything else (catalog, scaffolder, …) is allowed, as in a fresh Backstage app.
 */
export class SlipwayDemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user
      ? (await this.userInfo.getUserInfo(user.credentials)).ownershipEntityRefs
      : [];
    if (claims.includes(PLATFORM_ADMINS)) return ALLOW;
    const groups = claims.filter(ref => ref.startsWith('group:'));
    const { permission } = request;

    if (isPermission(permission, slipwayActionExecutePermission)) {
      return createSlipwayActionConditionalDecision(permission, {
        anyOf: [
          {
            allOf: [
              slipwayActionConditions.isApplicationOwner({ claims }),
              { not: slipwayActionConditions.isProductionEnvironment() },
            ],
          },
          {
            allOf: [
              slipwayActionConditions.isApplicationOwner({ claims: groups }),
              slipwayActionConditions.isProductionEnvironment(),
            ],
          },
        ],
      });
    }
    if (isPermission(permission, slipwayRunApprovePermission)) {
      return createSlipwayActionConditionalDecision(
        permission,
        slipwayActionConditions.isApplicationOwner({ claims: groups }),
      );
    }
    if (isPermission(permission, slipwayActionForcePermission)) return DENY;
    if (
      isPermission(permission, slipwayNewsPublishPermission) ||
      isPermission(permission, slipwayFeedbackReadPermission) ||
      isPermission(permission, slipwayInsightsAllPermission)
    )
      return DENY;
    if (isPermission(permission, auditLogEventReadPermission)) {
      return createAuditLogEventConditionalDecision(
        permission,
        auditLogEventConditions.isAboutEntityOwnedBy({ claims }),
      );
    }
    if (isPermission(permission, auditLogChainVerifyPermission)) return DENY;
    return ALLOW;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'slipway-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new SlipwayDemoPermissionPolicy(userInfo));
      },
    });
  },
});
