/**
 * A duration in words: in `small` units up to two `large` ones, in `large` units (one decimal) beyond, e.g. 90 min,
 * 2.5 h; 30 h, 3.5 days. Undefined (no data) is a dash.
 */
function inWords(
  value: number | undefined,
  small: string,
  large: string,
  smallPerLarge: number,
): string {
  if (value === undefined) return '—';
  if (value < 2 * smallPerLarge) return `${value} ${small}`;
  return `${Math.round((value / smallPerLarge) * 10) / 10} ${large}`;
}

/** A lead time in words: hours up to two days, days beyond. */
export const hoursInWords = (hours?: number) => inWords(hours, 'h', 'days', 24);

/** A wait in words: minutes up to two hours, hours beyond. */
export const minutesInWords = (minutes?: number) =>
  inWords(minutes, 'min', 'h', 60);
