import {
  ActionRatings,
  PlatformFeedback,
  PlatformNote,
  RatingComment,
} from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { iso } from '../engine/runRows';
import { weekExpression } from '../insights/InsightsStore';

/** Notes to the platform team (slipway_platform_notes), and the runs' ratings read for them (slipway_runs). */
export class PlatformFeedbackStore {
  constructor(private readonly knex: Knex) {}

  async insertNote(note: PlatformNote): Promise<void> {
    await this.knex('slipway_platform_notes').insert({
      id: note.id,
      author: note.author,
      text: note.text,
      created_at: new Date(note.createdAt),
    });
  }

  /** Notes sent since `since`, newest first. */
  async notes(since: Date, limit: number): Promise<PlatformNote[]> {
    const rows = await this.knex('slipway_platform_notes')
      .where('created_at', '>=', since)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      author: row.author,
      text: row.text,
      createdAt: iso(row.created_at)!,
    }));
  }

  /** Runs rated since `since`, counted by action and rating, in one grouped query. */
  async ratings(since: Date): Promise<ActionRatings[]> {
    const rows = await this.knex('slipway_runs')
      .where('feedback_at', '>=', since)
      .groupBy('action', 'feedback_helpful')
      .select('action', 'feedback_helpful')
      .count({ count: '*' });
    const byAction = new Map<string, ActionRatings>();
    for (const row of rows as any[]) {
      const counted = byAction.get(row.action) ?? {
        action: row.action,
        helpful: 0,
        notHelpful: 0,
      };
      if (Boolean(row.feedback_helpful)) counted.helpful += Number(row.count);
      else counted.notHelpful += Number(row.count);
      byAction.set(row.action, counted);
    }
    return [...byAction.values()].sort((a, b) =>
      a.action.localeCompare(b.action),
    );
  }

  /** Runs rated and notes sent since `since`, per week (the Monday it starts on, UTC), weeks with any only. */
  async byWeek(since: Date): Promise<PlatformFeedback['byWeek']> {
    const { knex } = this;
    const ratedWeek = weekExpression(knex, 'feedback_at');
    const noteWeek = weekExpression(knex, 'created_at');
    const [ratings, notes] = await Promise.all([
      knex('slipway_runs')
        .where('feedback_at', '>=', since)
        .select({ week: knex.raw(ratedWeek), helpful: 'feedback_helpful' })
        .count({ count: '*' })
        .groupByRaw(`${ratedWeek}, feedback_helpful`),
      knex('slipway_platform_notes')
        .where('created_at', '>=', since)
        .select({ week: knex.raw(noteWeek) })
        .count({ count: '*' })
        .groupByRaw(noteWeek),
    ]);
    const weeks = new Map<string, PlatformFeedback['byWeek'][number]>();
    const weekOf = (week: unknown) => {
      const key = String(week);
      const entry = weeks.get(key) ?? {
        week: key,
        helpful: 0,
        notHelpful: 0,
        notes: 0,
      };
      weeks.set(key, entry);
      return entry;
    };
    for (const row of ratings as any[]) {
      if (Boolean(row.helpful)) weekOf(row.week).helpful += Number(row.count);
      else weekOf(row.week).notHelpful += Number(row.count);
    }
    for (const row of notes as any[])
      weekOf(row.week).notes += Number(row.count);
    return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
  }

  /** Ratings with a comment since `since`, newest first. */
  async comments(since: Date, limit: number): Promise<RatingComment[]> {
    const rows = await this.knex('slipway_runs')
      .where('feedback_at', '>=', since)
      .whereNotNull('feedback_comment')
      .orderBy([
        { column: 'feedback_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      runId: row.id,
      action: row.action,
      entityRef: row.entity_ref,
      environment: row.environment,
      requester: row.requester,
      helpful: Boolean(row.feedback_helpful),
      comment: row.feedback_comment,
      at: iso(row.feedback_at)!,
    }));
  }
}
