import { isoToLocalInput, localInputToIso } from './format';

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
