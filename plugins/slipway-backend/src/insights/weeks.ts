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
