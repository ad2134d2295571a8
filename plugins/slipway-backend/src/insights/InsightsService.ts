import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SelfServiceInsights,
  slipwayInsightsAllPermission,
} from '@slipway/backstage-plugin-slipway-common';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { InsightsStore } from './InsightsStore';

/** The most applications a team's Insights are computed for; beyond that, the platform team's view is the tool. */
const MAX_TEAM_APPLICATIONS = 500;

/**
 * Insights computed from what Slipway already records. Those the policy allows (`slipway.insights.all`) see every
 * application; everyone else sees their teams' applications (the catalog's owner relation).
 */
export class InsightsService {
  constructor(
    private readonly deps: {
      store: InsightsStore;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      applications: ApplicationCatalog;
    },
  ) {}

  async selfService(
    weeks: number,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<SelfServiceInsights> {
    const { store } = this.deps;
    const since = startOfWeek(weeks);
    const entityRefs = await this.scopeOf(credentials);
    const scope = { since, entityRefs };
    const [runs, mostRestarted, waits] = await Promise.all([
      store.runsByWeek(scope),
      store.mostRestarted(scope, 10),
      store.approvalWaits(scope),
    ]);
    return {
      weeks,
      scope: entityRefs ? 'teams' : 'all',
      runs,
      mostRestarted,
      approvalWait: {
        decided: waits.length,
        ...(waits.length
          ? {
              p50Minutes: percentile(waits, 50),
              p95Minutes: percentile(waits, 95),
            }
          : {}),
      },
    };
  }

  /** undefined: every application; otherwise the refs of the reader's teams' applications. */
  private async scopeOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<string[] | undefined> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: slipwayInsightsAllPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    const owned = await this.deps.applications.getOwnedApplications(
      ownershipEntityRefs,
      credentials,
      MAX_TEAM_APPLICATIONS,
    );
    return owned.applications.map(entity => stringifyEntityRef(entity));
  }
}

/** The Monday (UTC) `weeks - 1` weeks before this week's: `weeks` whole weeks, this one included. */
export function startOfWeek(weeks: number, now = new Date()): Date {
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  monday.setUTCDate(monday.getUTCDate() - 7 * (weeks - 1));
  return monday;
}

/** The nearest-rank percentile, rounded to a tenth of a minute. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1] * 10) / 10;
}
