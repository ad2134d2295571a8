import {
  ActionRatings,
  PlatformNote,
  RatingComment,
} from '@slipway/backstage-plugin-slipway-common';
import { Knex } from 'knex';
import { iso } from '../engine/runRows';

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
