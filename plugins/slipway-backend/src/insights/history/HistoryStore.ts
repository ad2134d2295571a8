import { Knex } from 'knex';
import { date, iso } from '../../engine/runRows';
import { weekExpression } from '../InsightsStore';

/** Which part of the history to read: since `since`; of these applications (by name) only, when given. */
export interface HistoryScope {
  since: Date;
  applications?: string[];
}

/** A manifest file's span of state, as the adoption figures need it. */
export interface SpanRow {
  application?: string;
  problem: boolean;
  from: Date;
  to?: Date;
}

/** A version that reached a production environment, with when it first reached the first environment. */
export interface ReleaseRow {
  application: string;
  version: string;
  environment: string;
  deployedAt: string;
  firstSeenAt?: string;
}

/** Restarts and rollbacks asked for this long after a production change count as its failure. */
const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the index of the GitOps history (GitOpsHistoryIndexer's tables) for Insights. Each query reads the period
 * through an index, and groups in the database where the figure is a count.
 */
export class HistoryStore {
  constructor(private readonly knex: Knex) {}

  /** The commit the index reached and when, or undefined when nothing was indexed yet. */
  async indexed(): Promise<
    { revision: string; at: string; commits: number } | undefined
  > {
    const row = await this.knex('slipway_gitops_history').first();
    return row
      ? {
          revision: row.revision,
          at: iso(row.indexed_at)!,
          commits: Number(row.commits),
        }
      : undefined;
  }

  /** The spans that held at some moment since `since` (still open, or closed after it). */
  async spans(scope: HistoryScope): Promise<SpanRow[]> {
    const query = this.knex('slipway_manifest_spans')
      .select('application', 'problem', 'from_at', 'to_at')
      .where(q => q.whereNull('to_at').orWhere('to_at', '>=', scope.since));
    if (scope.applications) query.whereIn('application', scope.applications);
    const rows = await query;
    return rows.map(row => ({
      ...(row.application ? { application: row.application } : {}),
      problem: Boolean(row.problem),
      from: date(row.from_at)!,
      ...(row.to_at ? { to: date(row.to_at) } : {}),
    }));
  }

  /** Applications whose manifest first appeared since `since`, with the type and team it declared then. */
  async newApplications(
    scope: HistoryScope,
  ): Promise<
    Array<{ application: string; type?: string; owner?: string; at: Date }>
  > {
    const query = this.knex('slipway_manifest_spans as s')
      .select('s.application', 's.type', 's.owner', 's.from_at')
      .whereNotNull('s.application')
      .where('s.from_at', '>=', scope.since)
      .whereNotExists(
        this.knex('slipway_manifest_spans as e')
          .select(this.knex.raw('1'))
          .whereRaw('e.application = s.application')
          .whereRaw('e.from_at < s.from_at'),
      )
      .orderBy('s.from_at');
    if (scope.applications) query.whereIn('s.application', scope.applications);
    const seen = new Set<string>();
    const result = [];
    for (const row of await query) {
      if (seen.has(row.application)) continue;
      seen.add(row.application);
      result.push({
        application: row.application,
        ...(row.type ? { type: row.type } : {}),
        ...(row.owner ? { owner: row.owner } : {}),
        at: date(row.from_at)!,
      });
    }
    return result;
  }

  /** Changes of an environment's version per week and environment. */
  async deploymentsByWeek(
    scope: HistoryScope,
  ): Promise<Array<{ week: string; environment: string; count: number }>> {
    const week = weekExpression(this.knex, 'deployed_at');
    const rows = await this.deployments(scope)
      .select({ week: this.knex.raw(week), environment: 'environment' })
      .count({ count: '*' })
      .groupByRaw(`${week}, environment`)
      .orderBy([{ column: 'week' }, { column: 'environment' }]);
    return (rows as any[]).map(row => ({
      week: String(row.week),
      environment: row.environment,
      count: Number(row.count),
    }));
  }

  /** The versions that reached these (production) environments since `since`, newest first. */
  async releases(
    scope: HistoryScope,
    production: string[],
    firstEnvironment: string,
  ): Promise<ReleaseRow[]> {
    const firstSeen = this.knex('slipway_deployments as f')
      .min('f.deployed_at')
      .whereRaw('f.application = p.application')
      .whereRaw('f.version = p.version')
      .where('f.environment', firstEnvironment)
      .as('first_seen_at');
    const rows = await this.deployments(scope, 'p')
      .whereIn('p.environment', production)
      .select(
        'p.application',
        'p.version',
        'p.environment',
        'p.deployed_at',
        firstSeen,
      )
      .orderBy([
        { column: 'p.deployed_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ]);
    return rows.map(row => ({
      application: row.application,
      version: row.version,
      environment: row.environment,
      deployedAt: iso(row.deployed_at)!,
      ...(row.first_seen_at ? { firstSeenAt: iso(row.first_seen_at) } : {}),
    }));
  }

  /**
   * Per week: the changes to these (production) environments' versions, and how many of them were followed within a
   * day by a restart or a rollback of the same application in the same environment (a change-failure signal).
   */
  async changeFailures(
    scope: HistoryScope,
    production: string[],
  ): Promise<Array<{ week: string; changes: number; failures: number }>> {
    const { knex } = this;
    const pg = knex.client.config.client === 'pg';
    const week = weekExpression(knex, 'p.deployed_at');
    const windowEnd = pg
      ? `p.deployed_at + interval '1 day'`
      : `p.deployed_at + ${FAILURE_WINDOW_MS}`;
    const failed = knex('slipway_runs as r')
      .select(knex.raw('1'))
      .whereRaw(`r.entity_ref = 'component:default/' || p.application`)
      .whereRaw('r.environment = p.environment')
      .whereIn('r.action', ['restart', 'rollback'])
      .whereRaw('r.created_at >= p.deployed_at')
      .whereRaw(`r.created_at < ${windowEnd}`);
    const rows = await this.deployments(scope, 'p')
      .whereIn('p.environment', production)
      .select({ week: knex.raw(week) })
      .count({ changes: '*' })
      .sum({
        failures: knex.raw(
          `case when exists (${failed.toQuery()}) then 1 else 0 end`,
        ),
      })
      .groupByRaw(week)
      .orderBy('week');
    return (rows as any[]).map(row => ({
      week: String(row.week),
      changes: Number(row.changes),
      failures: Number(row.failures ?? 0),
    }));
  }

  /** One application's version changes since `since`, newest first. */
  async applicationDeployments(
    application: string,
    since: Date,
  ): Promise<
    Array<{
      environment: string;
      version: string;
      revision: string;
      author: string;
      deployedAt: string;
    }>
  > {
    const rows = await this.deployments({ since, applications: [application] })
      .select('environment', 'version', 'revision', 'author', 'deployed_at')
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(row => ({
      environment: row.environment,
      version: row.version,
      revision: row.revision,
      author: row.author,
      deployedAt: iso(row.deployed_at)!,
    }));
  }

  private deployments(scope: HistoryScope, alias?: string) {
    const column = (name: string) => (alias ? `${alias}.${name}` : name);
    const query = this.knex(
      alias ? `slipway_deployments as ${alias}` : 'slipway_deployments',
    ).where(column('deployed_at'), '>=', scope.since);
    return scope.applications
      ? query.whereIn(column('application'), scope.applications)
      : query;
  }
}
