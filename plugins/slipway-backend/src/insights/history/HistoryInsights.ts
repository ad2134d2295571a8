import {
  AdoptionInsights,
  ApplicationDelivery,
  DeliveryInsights,
  GitOpsHistoryState,
  Release,
} from '@slipway/backstage-plugin-slipway-common';
import { SlipwayEnvironment } from '@slipway/backstage-plugin-slipway-node';
import {
  day,
  holdsAt,
  percentile,
  startOfWeek,
  weekStarts,
  weekEnd,
} from '../weeks';
import { HistoryStore, ReleaseRow } from './HistoryStore';

const RECENT_RELEASES = 10;

/**
 * Adoption and delivery figures from the index of the GitOps history (docs/insights.md says how each is computed).
 * `applications`: the names to count (a team's view); undefined: every application.
 */
export class HistoryInsights {
  constructor(
    private readonly deps: {
      store: HistoryStore;
      /** Why the repository has no history to index, when it has none. */
      unavailable?: string;
      environments: readonly SlipwayEnvironment[];
    },
  ) {}

  async state(): Promise<GitOpsHistoryState> {
    if (this.deps.unavailable) return { unavailable: this.deps.unavailable };
    const indexed = await this.deps.store.indexed();
    return indexed
      ? { indexed }
      : {
          unavailable:
            'The GitOps repository’s history has not been read yet: Insights reads it within a minute of the portal starting, and then every new commit.',
        };
  }

  async adoption(
    weeks: number,
    applications: string[] | undefined,
    now = new Date(),
  ): Promise<Omit<AdoptionInsights, 'scope'>> {
    const since = startOfWeek(weeks, now);
    const scope = { since, applications };
    const [history, spans, created] = await Promise.all([
      this.state(),
      this.deps.store.spans(scope),
      this.deps.store.newApplications(scope),
    ]);
    const byWeek = weekStarts(since, now).map(start => {
      const end = weekEnd(start, now);
      return {
        week: day(start),
        applications: new Set(
          spans
            .filter(s => s.application && holdsAt(s, end))
            .map(s => s.application),
        ).size,
        problems: spans.filter(s => s.problem && holdsAt(s, end)).length,
      };
    });
    const counts = new Map<
      string,
      { week: string; type: string; owner: string; count: number }
    >();
    for (const app of created) {
      const week = day(startOfWeek(1, app.at));
      const type = app.type ?? 'unknown';
      const owner = app.owner ?? 'unknown';
      const key = `${week}\0${type}\0${owner}`;
      const entry = counts.get(key) ?? { week, type, owner, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    return { weeks, history, byWeek, newApplications: [...counts.values()] };
  }

  async delivery(
    weeks: number,
    applications: string[] | undefined,
    now = new Date(),
  ): Promise<Omit<DeliveryInsights, 'scope'>> {
    const { store } = this.deps;
    const scope = { since: startOfWeek(weeks, now), applications };
    const { first, production } = this.environments();
    const [history, deployments, releases, changeFailures] = await Promise.all([
      this.state(),
      store.deploymentsByWeek(scope),
      production.length ? store.releases(scope, production, first) : [],
      production.length ? store.changeFailures(scope, production) : [],
    ]);
    const leads = releases
      .map(leadTimeHours)
      .filter((hours): hours is number => hours !== undefined);
    return {
      weeks,
      history,
      firstEnvironment: first,
      productionEnvironments: production,
      deployments,
      leadTime: {
        releases: releases.length,
        ...(leads.length
          ? { p50Hours: percentile(leads, 50), p95Hours: percentile(leads, 95) }
          : {}),
      },
      recentReleases: releases.slice(0, RECENT_RELEASES).map(toRelease),
      changeFailures,
    };
  }

  /** One application's version changes and releases over the last `days` days. */
  async application(
    name: string,
    days: number,
    now = new Date(),
  ): Promise<Omit<ApplicationDelivery, 'runs'>> {
    const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
    const { first, production } = this.environments();
    const [history, deployments, releases] = await Promise.all([
      this.state(),
      this.deps.store.applicationDeployments(name, since),
      production.length
        ? this.deps.store.releases(
            { since, applications: [name] },
            production,
            first,
          )
        : [],
    ]);
    return {
      history,
      deployments,
      releases: releases.slice(0, RECENT_RELEASES).map(toRelease),
    };
  }

  /** The first configured environment, and those marked `production: true`. */
  private environments() {
    const { environments } = this.deps;
    return {
      first: environments[0]?.name ?? '',
      production: environments.filter(e => e.production).map(e => e.name),
    };
  }
}

function leadTimeHours(release: ReleaseRow): number | undefined {
  if (!release.firstSeenAt) return undefined;
  const ms = Date.parse(release.deployedAt) - Date.parse(release.firstSeenAt);
  return ms >= 0 ? Math.round(ms / 360_000) / 10 : undefined;
}

function toRelease(release: ReleaseRow): Release {
  const hours = leadTimeHours(release);
  return {
    application: release.application,
    version: release.version,
    environment: release.environment,
    deployedAt: release.deployedAt,
    ...(hours !== undefined ? { leadTimeHours: hours } : {}),
  };
}
