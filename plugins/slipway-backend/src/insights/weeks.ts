/** The Monday (UTC) `weeks - 1` weeks before this week's: `weeks` whole weeks, this one included. */
export function startOfWeek(weeks: number, now = new Date()): Date {
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  monday.setUTCDate(monday.getUTCDate() - 7 * (weeks - 1));
  return monday;
}

/** The nearest-rank percentile, rounded to a tenth (of a minute, of an hour). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1] * 10) / 10;
}

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` (UTC). */
export const day = (date: Date) => date.toISOString().slice(0, 10);

/** The Mondays from `since` (a Monday) up to `now`. */
export function weekStarts(since: Date, now: Date): Date[] {
  const starts: Date[] = [];
  for (let t = since.getTime(); t <= now.getTime(); t += WEEK_MS)
    starts.push(new Date(t));
  return starts;
}

/** When a week that starts at `start` ends, or now for this one: where "at the end of the week" figures are counted. */
export function weekEnd(start: Date, now: Date): Date {
  return new Date(Math.min(start.getTime() + WEEK_MS, now.getTime()));
}

/** Whether something that began at `from` and ended at `to` (or not yet) held at `at`. */
export function holdsAt(span: { from: Date; to?: Date }, at: Date): boolean {
  return span.from <= at && (!span.to || span.to > at);
}
