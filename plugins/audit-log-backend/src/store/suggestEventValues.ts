import { Knex } from 'knex';
import { AuditEventSuggestions } from '@slipway/backstage-plugin-audit-log-common';
import { resolveTimeRange, selectEvents, seqColumnOf } from './applyEventQuery';
import { EventQuery } from './queryTypes';

/**
 * How many of the latest matching events suggestions are read from. A bound, so that a suggestion costs the same on
 * a log of any size (a GROUP BY over every event of a large log takes seconds); values older than that can still be
 * typed.
 */
export const SUGGESTION_WINDOW = 20_000;

/** At most this many actors and this many actions. */
export const MAX_SUGGESTIONS = 200;

/**
 * The actors and actions of the latest `SUGGESTION_WINDOW` events matching the query, the most recently seen first.
 * The query carries the reader's access conditions, so nobody learns of an actor or action from events they may not
 * see.
 */
export async function suggestEventValues(
  knex: Knex,
  query: EventQuery,
  options: { eventWindow?: number; max?: number } = {},
): Promise<AuditEventSuggestions> {
  const { eventWindow = SUGGESTION_WINDOW, max = MAX_SUGGESTIONS } = options;
  const seqRange = await resolveTimeRange(knex, query.filters);
  if (!seqRange) {
    return { actors: [], actions: [] };
  }
  const latest = () =>
    selectEvents(knex, query, seqRange)
      .clearSelect()
      .select(
        'audit_events.seq',
        'audit_events.actor_type',
        'audit_events.actor_id',
        'audit_events.plugin_id',
        'audit_events.event_id',
      )
      .orderBy(seqColumnOf(query), 'desc')
      .limit(eventWindow)
      .as('latest');

  const actorRows: Array<{ actor_type: 'user' | 'service'; actor_id: string }> =
    await knex
      .from(latest())
      .select('actor_type', 'actor_id')
      .max({ last_seq: 'seq' })
      .whereIn('actor_type', ['user', 'service'])
      .whereNotNull('actor_id')
      .groupBy('actor_type', 'actor_id')
      .orderBy('last_seq', 'desc')
      .limit(max);
  const actionRows: Array<{ plugin_id: string; event_id: string }> = await knex
    .from(latest())
    .select('plugin_id', 'event_id')
    .max({ last_seq: 'seq' })
    .groupBy('plugin_id', 'event_id')
    .orderBy('last_seq', 'desc')
    .limit(max);

  return {
    actors: actorRows.map(row => ({ type: row.actor_type, id: row.actor_id })),
    actions: actionRows.map(row => ({
      plugin: row.plugin_id,
      eventId: row.event_id,
    })),
  };
}
