import { Knex } from 'knex';
import { occurredAtOf } from './rows';

/*
 * Who acted in the portal each week, kept beside the chain (`audit_active_people`: one row per week and person) so
 * that counting active people per week reads a few rows per week instead of every event of the period. Written in
 * the append's transaction; purged with the events by retention.
 */

/** The Monday (UTC) of a moment's week, `YYYY-MM-DD`. */
export function weekOf(at: Date): string {
  const monday = new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()),
  );
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/** The distinct (week, person) pairs of these events: people only (`actor_type` user), not services. */
export function activePeopleRows(
  rows: Array<{
    actor_type: string;
    actor_id?: string | null;
    occurred_at: Date | number | string;
  }>,
): Array<{ week: string; actor_id: string }> {
  const pairs = new Map<string, { week: string; actor_id: string }>();
  for (const row of rows) {
    if (row.actor_type !== 'user' || !row.actor_id) continue;
    const week = weekOf(occurredAtOf(row));
    pairs.set(`${week}\0${row.actor_id}`, { week, actor_id: row.actor_id });
  }
  return [...pairs.values()];
}

/** Records the pairs, once each. */
export async function recordActivePeople(
  knex: Knex,
  pairs: Array<{ week: string; actor_id: string }>,
) {
  for (let i = 0; i < pairs.length; i += 500)
    await knex('audit_active_people')
      .insert(pairs.slice(i, i + 500))
      .onConflict(['week', 'actor_id'])
      .ignore();
}

/** People who acted per week since the week of `since`, weeks with any only, oldest first. */
export async function countActivePeople(
  knex: Knex,
  since: Date,
): Promise<Array<{ week: string; people: number }>> {
  const rows = await knex('audit_active_people')
    .where('week', '>=', weekOf(since))
    .select('week')
    .count({ people: '*' })
    .groupBy('week')
    .orderBy('week');
  return (rows as any[]).map(row => ({
    week: String(row.week),
    people: Number(row.people),
  }));
}

/** Forgets the weeks that ended before `cutoff` (retention: their events are gone too). */
export async function purgeActivePeople(knex: Knex, cutoff: Date) {
  const lastWhole = new Date(`${weekOf(cutoff)}T00:00:00Z`);
  lastWhole.setUTCDate(lastWhole.getUTCDate() - 7);
  await knex('audit_active_people')
    .where('week', '<=', lastWhole.toISOString().slice(0, 10))
    .delete();
}
