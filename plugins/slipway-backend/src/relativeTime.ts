/**
 * When something happened or will, in words that need no time zone: "just now", "3 minutes ago", "in 24 hours".
 * For messages the server writes (errors, notifications), where the reader's locale is unknown.
 */
export function relativeTime(iso: string, now = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  const size = Math.abs(minutes);
  if (size < 1) return 'just now';
  const amount =
    size < 90
      ? `${size} minute${size === 1 ? '' : 's'}`
      : `${Math.round(size / 60)} hours`;
  return minutes > 0 ? `in ${amount}` : `${amount} ago`;
}
