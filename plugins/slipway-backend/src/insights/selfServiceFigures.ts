import { SelfServiceInsights } from '@slipway/backstage-plugin-slipway-common';
import { day, holdsAt, weekEnd, weekStarts } from './weeks';

/** Runs per application and action, as InsightsStore.runsByApplication counts them. */
type ApplicationRuns = Array<{
  entityRef: string;
  action: string;
  count: number;
}>;

/** The applications with the most restarts asked for, most first (then by name): at most `limit`. */
export function mostRestartedOf(
  runs: ApplicationRuns,
  limit: number,
): SelfServiceInsights['mostRestarted'] {
  return runs
    .filter(r => r.action === 'restart')
    .sort((a, b) => b.count - a.count || a.entityRef.localeCompare(b.entityRef))
    .slice(0, limit)
    .map(r => ({ entityRef: r.entityRef, restarts: r.count }));
}

/** Runs per team and action, most first; an application no manifest declares now counts as `unknown`. */
export function byTeamOf(
  runs: ApplicationRuns,
  owners: Map<string, string>,
): SelfServiceInsights['byTeam'] {
  const counts = new Map<
    string,
    { team: string; action: string; count: number }
  >();
  for (const r of runs) {
    const team =
      owners.get(r.entityRef.slice(r.entityRef.lastIndexOf('/') + 1)) ??
      'unknown';
    const key = `${team}\0${r.action}`;
    const entry = counts.get(key) ?? { team, action: r.action, count: 0 };
    entry.count += r.count;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.team.localeCompare(b.team) ||
      a.action.localeCompare(b.action),
  );
}

/**
 * Database copies per week: alive at its end (now, for this one), made (ready) in it, and dropped in it — expired
 * (at or after the time it was to expire) or destroyed early (before).
 */
export function databaseCopiesByWeek(
  copies: Array<{ readyAt: Date; expiresAt: Date; droppedAt?: Date }>,
  since: Date,
  now: Date,
): SelfServiceInsights['databaseCopies'] {
  return weekStarts(since, now).map(start => {
    const end = weekEnd(start, now);
    const within = (at?: Date) => Boolean(at && at >= start && at < end);
    const dropped = copies.filter(c => within(c.droppedAt));
    return {
      week: day(start),
      alive: copies.filter(c =>
        holdsAt({ from: c.readyAt, to: c.droppedAt }, end),
      ).length,
      made: copies.filter(c => within(c.readyAt)).length,
      expired: dropped.filter(c => c.droppedAt! >= c.expiresAt).length,
      destroyedEarly: dropped.filter(c => c.droppedAt! < c.expiresAt).length,
    };
  });
}
