import {
  RunStatus,
  WeeklyRuns,
} from '@slipway/backstage-plugin-slipway-common';

/** How Insights groups the outcomes of runs: what a platform team reads at a glance. */
export const OUTCOMES = [
  'Succeeded',
  'Failed',
  'Stopped',
  'Not yet ended',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_OF: Record<RunStatus, Outcome> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Failed',
  cancelled: 'Stopped',
  rejected: 'Stopped',
  expired: 'Stopped',
  pending: 'Not yet ended',
  running: 'Not yet ended',
  'awaiting-approval': 'Not yet ended',
};

export const outcomeOf = (status: RunStatus): Outcome =>
  OUTCOME_OF[status] ?? 'Not yet ended';

/** Runs per action (sorted by name) with a count per outcome. */
export function outcomesByAction(
  runs: Array<{ action: string; status: string; count: number }>,
): Array<{ action: string; counts: Record<Outcome, number> }> {
  const actions = [...new Set(runs.map(r => r.action))].sort();
  return actions.map(action => {
    const counts = Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<
      Outcome,
      number
    >;
    for (const r of runs.filter(x => x.action === action))
      counts[outcomeOf(r.status as RunStatus)] += r.count;
    return { action, counts };
  });
}

/** One row per week (every week of the period, also those without runs), with a count per outcome. */
export function weeklyOutcomes(
  runs: WeeklyRuns[],
  weeks: string[],
): Array<{ week: string } & Record<Outcome, number>> {
  const rows = weeks.map(week => ({
    week,
    ...(Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<
      Outcome,
      number
    >),
  }));
  const byWeek = new Map(rows.map(row => [row.week, row]));
  for (const r of runs) {
    const row = byWeek.get(r.week);
    if (row) row[outcomeOf(r.status as RunStatus)] += r.count;
  }
  return rows;
}

/** The Mondays (UTC, `YYYY-MM-DD`) of the last `count` weeks, oldest first, this week's last. */
export function lastWeeks(count: number, now = new Date()): string[] {
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return Array.from({ length: count }, (_, i) => {
    const week = new Date(monday);
    week.setUTCDate(week.getUTCDate() - 7 * (count - 1 - i));
    return week.toISOString().slice(0, 10);
  });
}
