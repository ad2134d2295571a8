import { WeeklyRuns } from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { date } from '../engine/runRows';

/** Which runs to count: asked for since `since`; of these applications only, when given. */
export interface RunScope {
  since: Date;
  entityRefs?: string[];
}

/**
 * The runs table read for Insights. Every figure is grouped by the database on an index (`created_at, action`), so a
 * page view reads one row per week × action × outcome, not one per run.
 */
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export class InsightsStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Runs per week (the Monday it starts on, UTC), action and outcome. `scope.since` is a Monday: the week is counted
   * as whole weeks since then, with integer arithmetic (a date function per run costs more than the rest of the query).
   */
  async runsByWeek(scope: RunScope): Promise<WeeklyRuns[]> {
    const rows = await this.scoped(scope)
      .select({
        bucket: this.weeksSince(scope.since),
        action: 'action',
        status: 'status',
      })
      .count({ count: '*' })
      .groupBy('bucket', 'action', 'status')
      .orderBy([
        { column: 'bucket' },
        { column: 'action' },
        { column: 'status' },
      ]);
    return (rows as any[]).map(row => ({
      week: new Date(scope.since.getTime() + Number(row.bucket) * WEEK_MS)
        .toISOString()
        .slice(0, 10),
      action: row.action,
      status: row.status,
      count: Number(row.count),
    }));
  }

  /** Runs per action and outcome, over the whole period. */
  async runsByOutcome(
    scope: RunScope,
  ): Promise<Array<{ action: string; status: string; count: number }>> {
    const rows = await this.scoped(scope)
      .select('action', 'status')
      .count({ count: '*' })
      .groupBy('action', 'status')
      .orderBy([{ column: 'action' }, { column: 'status' }]);
    return (rows as any[]).map(row => ({
      action: row.action,
      status: row.status,
      count: Number(row.count),
    }));
  }

  /** Runs per application and action over the period. */
  async runsByApplication(
    scope: RunScope,
  ): Promise<Array<{ entityRef: string; action: string; count: number }>> {
    const rows = await this.scoped(scope)
      .select({ entityRef: 'entity_ref', action: 'action' })
      .count({ count: '*' })
      .groupBy('entity_ref', 'action');
    return (rows as any[]).map(row => ({
      entityRef: row.entityRef,
      action: row.action,
      count: Number(row.count),
    }));
  }

  /** Database copies that were alive at some moment since `scope.since` (made, and not dropped before it). */
  async databaseCopies(
    scope: RunScope,
  ): Promise<Array<{ readyAt: Date; expiresAt: Date; droppedAt?: Date }>> {
    const query = this.knex('slipway_database_copies')
      .select('ready_at', 'expires_at', 'dropped_at')
      .whereNotNull('ready_at')
      .where(q =>
        q.whereNull('dropped_at').orWhere('dropped_at', '>=', scope.since),
      );
    if (scope.entityRefs) query.whereIn('entity_ref', scope.entityRefs);
    return (await query).map(row => ({
      readyAt: date(row.ready_at)!,
      expiresAt: date(row.expires_at)!,
      ...(row.dropped_at ? { droppedAt: date(row.dropped_at) } : {}),
    }));
  }

  /** Minutes from asking to the decision, of the runs decided (approved or rejected) in the period. */
  async approvalWaits(scope: RunScope): Promise<number[]> {
    const rows = await this.scoped(scope, 'decided_at').select(
      'created_at',
      'decided_at',
    );
    return rows.map(
      row =>
        (date(row.decided_at)!.getTime() - date(row.created_at)!.getTime()) /
        60_000,
    );
  }

  /** Whole weeks from `since` to when a run was asked for. */
  private weeksSince(since: Date) {
    return this.knex.client.config.client === 'pg'
      ? this.knex.raw('floor(extract(epoch from (created_at - ?)) / 604800)', [
          since,
        ])
      : // better-sqlite3 binds a number as REAL: the cast keeps the division whole.
        this.knex.raw(`cast(created_at - ? as integer) / ${WEEK_MS}`, [
          since.getTime(),
        ]);
  }

  /** The runs of the scope: `column` (when asked for, by default) in the period, of the scope's applications. */
  private scoped(scope: RunScope, column = 'created_at') {
    const query = this.knex('slipway_runs').where(column, '>=', scope.since);
    return scope.entityRefs
      ? query.whereIn('entity_ref', scope.entityRefs)
      : query;
  }
}

/**
 * The Monday (UTC) of a timestamp column's week as `YYYY-MM-DD`. SQLite keeps knex's dates as epoch milliseconds;
 * PostgreSQL as timestamptz. `column` is a name from this code, never input.
 */
export function weekExpression(knex: Knex, column: string): string {
  return knex.client.config.client === 'pg'
    ? `to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`
    : `date(${column} / 1000, 'unixepoch', 'weekday 0', '-6 days')`;
}
