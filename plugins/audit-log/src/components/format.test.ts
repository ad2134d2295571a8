import { Settings } from 'luxon';
import {
  formatRelative,
  formatTime,
  isoToLocalInput,
  localInputToIso,
} from './format';

describe("times in the reader's zone", () => {
  // The test runner's zone is whatever the machine has; the round trip must hold in any zone.
  it('round-trips a datetime-local value through an ISO time in UTC', () => {
    const iso = localInputToIso('2026-05-04T09:30');
    expect(iso).toMatch(/^2026-05-0[345]T\d\d:30:00\.000Z$/);
    expect(isoToLocalInput(iso)).toBe('2026-05-04T09:30');
  });

  it('treats empty and invalid values as no bound', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('not a time')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
    expect(isoToLocalInput('yesterday')).toBe('');
  });
});

describe("times in the reader's language", () => {
  afterEach(() => {
    Settings.defaultZone = 'system';
    Settings.defaultLocale = undefined as unknown as string;
  });

  // ICU versions differ in which space they put before "AM".
  const time = (iso: string) => formatTime(iso).replace(/\s/g, ' ');

  it('writes the exact time as the reader writes it, in their zone', () => {
    Settings.defaultZone = 'America/New_York';
    Settings.defaultLocale = 'en-US';
    expect(time('2026-05-04T10:15:30.000Z')).toBe(
      'May 4, 2026, 6:15:30 AM EDT',
    );
    Settings.defaultZone = 'Europe/Berlin';
    Settings.defaultLocale = 'de-DE';
    expect(time('2026-05-04T10:15:30.000Z')).toBe('4. Mai 2026, 12:15:30 MESZ');
  });
});

describe('how long ago', () => {
  const ago = (seconds: number) =>
    formatRelative(new Date(Date.now() - seconds * 1000).toISOString());

  it('says it in words, and "now" for what just happened, even from a clock a little ahead', () => {
    expect(ago(5 * 60)).toBe('5 minutes ago');
    expect(ago(3 * 86_400)).toBe('3 days ago');
    expect(ago(10)).toBe('now');
    expect(ago(-5)).toBe('now');
  });
});
