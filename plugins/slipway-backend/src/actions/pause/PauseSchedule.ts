import { Config } from '@backstage/config';
import { SlipwayEnvironment } from '@slipway/backstage-plugin-slipway-node';
import { DateTime, IANAZone } from 'luxon';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** One stretch of the week an environment runs, in its time zone: `from` to `to` on each of `days`. */
interface AwakeWindow {
  days: Day[];
  /** Minutes after midnight. */
  from: number;
  to: number;
}

/**
 * When a non-production environment runs; outside its awake windows the schedule pauses it, and at the next window's
 * start resumes it. E.g. awake Monday to Friday 07:00–20:00 in Europe/Paris: paused each night and all weekend.
 */
export class PauseSchedule {
  private constructor(
    readonly environment: string,
    readonly timeZone: string,
    private readonly windows: AwakeWindow[],
  ) {}

  /**
   * The schedules of `slipway.environments[].actions.pause.schedule`. Throws one Error naming every wrong key: a
   * schedule in production (production is never paused by schedule), an unknown time zone, a day or time that is
   * not one.
   */
  static fromConfig(environments: SlipwayEnvironment[]): PauseSchedule[] {
    const problems: string[] = [];
    const schedules: PauseSchedule[] = [];
    for (const environment of environments) {
      const config =
        environment.actions.pause?.config?.getOptionalConfig('schedule');
      if (!config) continue;
      const key = `slipway.environments[${environment.order}].actions.pause.schedule`;
      const before = problems.length;
      if (environment.production)
        problems.push(
          `${key}: ${environment.name} is a production environment, which is never paused by schedule`,
        );
      const timeZone = config.getOptionalString('timeZone') ?? 'UTC';
      if (!IANAZone.isValidZone(timeZone))
        problems.push(
          `${key}.timeZone: "${timeZone}" is not a time zone (use an IANA name such as Europe/Paris)`,
        );
      const windows = readWindows(config, key, problems);
      if (problems.length === before)
        schedules.push(new PauseSchedule(environment.name, timeZone, windows));
    }
    if (problems.length)
      throw new Error(`Invalid pause schedules:\n  ${problems.join('\n  ')}`);
    return schedules;
  }

  /** Whether the environment should run at `at`. */
  isAwake(at: Date): boolean {
    const local = this.local(at);
    const minute = local.hour * 60 + local.minute;
    const day = DAYS[local.weekday - 1];
    return this.windows.some(
      w => w.days.includes(day) && minute >= w.from && minute < w.to,
    );
  }

  /** When the stretch of sleep that `at` is in began (the end of the last window before it). */
  asleepSince(at: Date): Date {
    return this.edges(at, -1, 'to');
  }

  /** When the next window starts after `at`: when a scheduled pause ends. */
  nextWake(at: Date): Date {
    return this.edges(at, 1, 'from');
  }

  /** The nearest window edge before (-1) or after (1) `at`, looking at most a week and a day away. */
  private edges(at: Date, direction: 1 | -1, edge: 'from' | 'to'): Date {
    const start = this.local(at).startOf('day');
    const found: DateTime[] = [];
    for (let offset = -8; offset <= 8; offset++) {
      const day = start.plus({ days: offset });
      for (const w of this.windows) {
        if (!w.days.includes(DAYS[day.weekday - 1])) continue;
        // Wall-clock time of that day (set, not plus: a day with a clock change is not 1,440 minutes long).
        const time =
          w[edge] === 1440
            ? day.plus({ days: 1 }).startOf('day')
            : day.set({ hour: Math.floor(w[edge] / 60), minute: w[edge] % 60 });
        if (direction === 1 ? time > this.local(at) : time <= this.local(at))
          found.push(time);
      }
    }
    const sorted = found.sort((a, b) => a.toMillis() - b.toMillis());
    return (direction === 1 ? sorted[0] : sorted[sorted.length - 1]).toJSDate();
  }

  private local(at: Date) {
    return DateTime.fromJSDate(at, { zone: this.timeZone });
  }
}

function readWindows(
  config: Config,
  key: string,
  problems: string[],
): AwakeWindow[] {
  const entries = config.getOptionalConfigArray('awake') ?? [];
  if (!entries.length)
    problems.push(
      `${key}.awake: name at least one stretch of the week the environment runs, e.g. { days: [mon, tue, wed, thu, fri], from: "07:00", to: "20:00" }`,
    );
  return entries.map((entry, i) => {
    const at = `${key}.awake[${i}]`;
    const days = entry.getOptionalStringArray('days') ?? [...DAYS];
    const unknown = days.filter(d => !DAYS.includes(d as Day));
    if (unknown.length)
      problems.push(
        `${at}.days: ${unknown.join(', ')} ${
          unknown.length === 1 ? 'is not a day' : 'are not days'
        } (use ${DAYS.join(', ')})`,
      );
    const minutes = (field: 'from' | 'to') => {
      const value = entry.getOptionalString(field) ?? '';
      if (field === 'to' && value === '24:00') return 1440;
      const match = TIME.exec(value);
      if (!match) {
        problems.push(
          `${at}.${field}: "${value}" is not a time of day such as "07:00" (24-hour, quoted; "24:00" ends a stretch at midnight)`,
        );
        return 0;
      }
      return Number(match[1]) * 60 + Number(match[2]);
    };
    const from = minutes('from');
    const to = minutes('to');
    if (to <= from && problems.every(p => !p.startsWith(at)))
      problems.push(
        `${at}: "to" must be later than "from" on the same day; a stretch over midnight is two stretches`,
      );
    return { days: days as Day[], from, to };
  });
}
