import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AdoptionInsights,
  ApplicationDelivery,
  DeliveryInsights,
  SelfServiceInsights,
  slipwayInsightsAllPermission,
} from '@slipway/backstage-plugin-slipway-common';
import { HistoryInsights } from './history/HistoryInsights';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { RecentAnswers } from '../RecentAnswers';
import { InsightsStore } from './InsightsStore';
import {
  byTeamOf,
  databaseCopiesByWeek,
  mostRestartedOf,
} from './selfServiceFigures';
import { percentile, startOfWeek } from './weeks';

/** The most applications a team's Insights are computed for; beyond that, the platform team's view is the tool. */
const MAX_TEAM_APPLICATIONS = 500;
/** The days an application's delivery card looks back. */
const APPLICATION_DAYS = 90;

/** Applications by name, as the GitOps history knows them (an application is `component:default/<name>`). */
function namesOf(entityRefs: string[] | undefined): string[] | undefined {
  return entityRefs?.map(ref => ref.slice(ref.lastIndexOf('/') + 1));
}

/**
 * Insights computed from what Slipway already records. Those the policy allows (`slipway.insights.all`) see every
 * application; everyone else sees their teams' applications (the catalog's owner relation).
 */
export class InsightsService {
  /** The Insights page asks for three sections at once: the reader's scope is resolved once for them. */
  private readonly scopes = new RecentAnswers<string[] | undefined>({
    freshMs: 5000,
  });

  constructor(
    private readonly deps: {
      store: InsightsStore;
      history: HistoryInsights;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      applications: ApplicationCatalog;
      /** Application name → the team (group ref) its manifest declares now. */
      owners: () => Promise<Map<string, string>>;
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
    const [runs, byApplication, waits, copies, owners] = await Promise.all([
      store.runsByWeek(scope),
      store.runsByApplication(scope),
      store.approvalWaits(scope),
      store.databaseCopies(scope),
      this.deps.owners(),
    ]);
    return {
      weeks,
      scope: entityRefs ? 'teams' : 'all',
      runs,
      mostRestarted: mostRestartedOf(byApplication, 10),
      byTeam: byTeamOf(byApplication, owners),
      databaseCopies: databaseCopiesByWeek(copies, since, new Date()),
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

  async adoption(
    weeks: number,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<AdoptionInsights> {
    const entityRefs = await this.scopeOf(credentials);
    const figures = await this.deps.history.adoption(
      weeks,
      namesOf(entityRefs),
    );
    return { ...figures, scope: entityRefs ? 'teams' : 'all' };
  }

  async delivery(
    weeks: number,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<DeliveryInsights> {
    const entityRefs = await this.scopeOf(credentials);
    const figures = await this.deps.history.delivery(
      weeks,
      namesOf(entityRefs),
    );
    return { ...figures, scope: entityRefs ? 'teams' : 'all' };
  }

  /** One application's delivery over 90 days, for whoever may see it in the catalog (404 otherwise). */
  async application(
    ref: { namespace: string; name: string },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ApplicationDelivery> {
    const entity = await this.deps.applications.getApplication(
      ref,
      credentials,
    );
    const since = new Date(Date.now() - APPLICATION_DAYS * 24 * 60 * 60 * 1000);
    const [figures, runs] = await Promise.all([
      this.deps.history.application(entity.metadata.name, APPLICATION_DAYS),
      this.deps.store.runsByOutcome({
        since,
        entityRefs: [stringifyEntityRef(entity)],
      }),
    ]);
    return { ...figures, runs };
  }

  /** undefined: every application; otherwise the refs of the reader's teams' applications. */
  private scopeOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<string[] | undefined> {
    return this.scopes.get(credentials.principal.userEntityRef, () =>
      this.resolveScope(credentials),
    );
  }

  private async resolveScope(
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
