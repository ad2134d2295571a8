import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { formatRelative, formatTime } from '../format';

/** Often enough that "a minute ago" does not stay on screen for an hour. */
const REFRESH_MS = 30_000;

/**
 * A time as people read it: how long ago ("5 minutes ago"), with the exact time in their locale and time zone in
 * its title, and the machine-readable time in `dateTime`. It keeps itself current while the page stays open.
 */
export const RelativeTime = ({ iso }: { iso: string }) => {
  const [, setNow] = useState(Date.now);
  useInterval(() => setNow(Date.now()), REFRESH_MS);
  return (
    <time dateTime={iso} title={formatTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
};
