import { ConfigReader } from '@backstage/config';
import { SlipwayEnvironment } from '@slipway/backstage-plugin-slipway-node';
import { PauseSchedule } from './PauseSchedule';

const environment = (
  schedule: object | undefined,
  overrides: Partial<SlipwayEnvironment> = {},
) =>
  ({
    name: 'dev',
    title: 'Development',
    order: 0,
    production: false,
    actions: {
      pause: {
        executor: 'gitops',
        config: new ConfigReader({
          executor: 'gitops',
          ...(schedule ? { schedule } : {}),
        }),
      },
    },
    ...overrides,
  } as unknown as SlipwayEnvironment);

const OFFICE_HOURS = {
  timeZone: 'Europe/Paris',
  awake: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '20:00' },
  ],
};

describe('PauseSchedule', () => {
  const [paris] = PauseSchedule.fromConfig([environment(OFFICE_HOURS)]);

  it('is awake on weekdays from 07:00 to 20:00 in its time zone, asleep at night and at weekends', () => {
    // Thursday 3 December 2026; Paris is UTC+1 in winter.
    expect(paris.isAwake(new Date('2026-12-03T06:00:00Z'))).toBe(true); // 07:00
    expect(paris.isAwake(new Date('2026-12-03T05:59:00Z'))).toBe(false); // 06:59
    expect(paris.isAwake(new Date('2026-12-03T18:59:00Z'))).toBe(true); // 19:59
    expect(paris.isAwake(new Date('2026-12-03T19:00:00Z'))).toBe(false); // 20:00
    expect(paris.isAwake(new Date('2026-12-05T12:00:00Z'))).toBe(false); // Saturday noon
  });

  it('knows when the sleep began and when it ends, over a weekend too', () => {
    const fridayNight = new Date('2026-12-04T22:00:00Z');
    expect(paris.asleepSince(fridayNight).toISOString()).toBe(
      '2026-12-04T19:00:00.000Z',
    );
    expect(paris.nextWake(fridayNight).toISOString()).toBe(
      '2026-12-07T06:00:00.000Z', // Monday 07:00 in Paris
    );
    const sunday = new Date('2026-12-06T12:00:00Z');
    expect(paris.asleepSince(sunday).toISOString()).toBe(
      '2026-12-04T19:00:00.000Z',
    );
  });

  it('keeps wall-clock times across a change of the clocks', () => {
    // Paris moves to summer time on Sunday 29 March 2026: Monday 07:00 is 05:00 UTC.
    expect(paris.nextWake(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe(
      '2026-03-30T05:00:00.000Z',
    );
  });

  it('reads a stretch to midnight and days left out as every day', () => {
    const [always] = PauseSchedule.fromConfig([
      environment({ awake: [{ from: '08:00', to: '24:00' }] }),
    ]);
    expect(always.timeZone).toBe('UTC');
    expect(always.isAwake(new Date('2026-12-06T23:59:00Z'))).toBe(true);
    expect(always.isAwake(new Date('2026-12-06T07:59:00Z'))).toBe(false);
  });

  it('has none where no schedule is configured', () => {
    expect(PauseSchedule.fromConfig([environment(undefined)])).toEqual([]);
  });

  it('refuses a schedule in production and every wrong value, naming each key', () => {
    expect(() =>
      PauseSchedule.fromConfig([
        environment(OFFICE_HOURS, { name: 'prod', production: true, order: 2 }),
        environment({
          timeZone: 'Mars/Olympus',
          awake: [
            { days: ['monday'], from: '7:00', to: '20:00' },
            { from: '20:00', to: '07:00' },
          ],
        }),
        environment({ awake: [] }, { order: 1 }),
      ]),
    ).toThrow(
      [
        'Invalid pause schedules:',
        '  slipway.environments[2].actions.pause.schedule: prod is a production environment, which is never paused by schedule',
        '  slipway.environments[0].actions.pause.schedule.timeZone: "Mars/Olympus" is not a time zone (use an IANA name such as Europe/Paris)',
        '  slipway.environments[0].actions.pause.schedule.awake[0].days: monday is not a day (use mon, tue, wed, thu, fri, sat, sun)',
        '  slipway.environments[0].actions.pause.schedule.awake[0].from: "7:00" is not a time of day such as "07:00" (24-hour, quoted; "24:00" ends a stretch at midnight)',
        '  slipway.environments[0].actions.pause.schedule.awake[1]: "to" must be later than "from" on the same day; a stretch over midnight is two stretches',
        '  slipway.environments[1].actions.pause.schedule.awake: name at least one stretch of the week the environment runs, e.g. { days: [mon, tue, wed, thu, fri], from: "07:00", to: "20:00" }',
      ].join('\n'),
    );
  });
});
