import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  PausedState,
  Run,
  RunRequest,
} from '@slipway/backstage-plugin-slipway-common';
import {
  IndexedApplication,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { PauseSchedule } from './PauseSchedule';
import { PauseScheduler } from './PauseScheduler';

// Development runs Monday to Friday, 07:00–20:00 UTC.
const [schedule] = PauseSchedule.fromConfig([
  {
    name: 'dev',
    title: 'Development',
    order: 0,
    production: false,
    actions: {
      pause: {
        executor: 'gitops',
        config: new ConfigReader({
          schedule: {
            awake: [
              {
                days: ['mon', 'tue', 'wed', 'thu', 'fri'],
                from: '07:00',
                to: '20:00',
              },
            ],
          },
        }),
      },
    },
  } as unknown as SlipwayEnvironment,
]);

const THURSDAY_NIGHT = new Date('2026-12-03T22:00:00Z');
const ASLEEP_SINCE = '2026-12-03T20:00:00.000Z';
const FRIDAY_MORNING = '2026-12-04T07:00:00.000Z';

const app = (
  name: string,
  dev: IndexedApplication['spec']['environments'][string] | undefined,
  type = 'service',
) =>
  ({
    name,
    entityRef: `component:default/${name}`,
    spec: { type, environments: dev ? { dev } : {} },
  } as unknown as IndexedApplication);

const run = (overrides: Partial<Run>): Run =>
  ({
    id: 'r',
    action: 'resume',
    entityRef: 'component:default/checkout',
    environment: 'dev',
    parameters: {},
    requester: 'user:default/alice',
    status: 'succeeded',
    createdAt: '2026-12-03T22:00:00Z',
    ...overrides,
  } as Run);

function scheduler(options: {
  now: Date;
  applications: IndexedApplication[];
  runs?: Run[];
  refuse?: string;
  /** Pauses recorded outside the manifest (the Kubernetes executor), by application name; an Error: unreadable. */
  inCluster?: Record<string, PausedState | Error>;
}) {
  const requests: Array<{ input: RunRequest; schedule: string }> = [];
  const logger = mockServices.logger.mock();
  const sinceAsked: Date[] = [];
  const instance = new PauseScheduler({
    schedules: [schedule],
    applications: async () => options.applications,
    recentRuns: async ({ since }) => {
      sinceAsked.push(since);
      return (options.runs ?? []).filter(
        r => Date.parse(r.createdAt) >= since.getTime(),
      );
    },
    requestScheduledRun: async (input, name) => {
      if (input.entityRef.endsWith(`/${options.refuse}`))
        throw new Error('Development of Refused is busy');
      requests.push({ input, schedule: name });
    },
    ...(options.inCluster
      ? {
          pausedIn: async ({ name }) => {
            const found = options.inCluster![name];
            if (found instanceof Error) throw found;
            return found;
          },
        }
      : {}),
    logger,
    now: () => options.now,
  });
  return { instance, requests, logger, sinceAsked };
}

describe('PauseScheduler', () => {
  it('pauses what runs once the awake hours are over, until the next wake, once per night', async () => {
    const { instance, requests } = scheduler({
      now: THURSDAY_NIGHT,
      applications: [
        app('checkout', { version: '1.0.0', replicas: 2 }),
        app('shop', { version: '1.0.0' }),
        app('paused-by-hand', {
          version: '1.0.0',
          replicas: 0,
          paused: { since: '2026-12-03T15:00:00Z' },
        }),
        app('scaled-to-zero', { version: '1.0.0', replicas: 0 }),
        app('not-in-dev', undefined),
        app('nightly-export', { version: '1.0.0' }, 'etl'),
      ],
    });
    await instance.tick();
    expect(requests).toEqual(
      ['checkout', 'shop'].map(name => ({
        schedule: 'pause',
        input: {
          action: 'pause',
          entityRef: `component:default/${name}`,
          environment: 'dev',
          parameters: {
            until: FRIDAY_MORNING,
            reason: 'The pause schedule: awake hours are over',
          },
          // The same key on every tick of this night, on every replica: one run.
          idempotencyKey: `pause-schedule:${name}:dev:pause:${ASLEEP_SINCE}`,
        },
      })),
    );
  });

  it('leaves alone what someone paused or resumed since the night began, but not what they did the night before', async () => {
    const { instance, requests } = scheduler({
      now: THURSDAY_NIGHT,
      applications: [
        app('checkout', { version: '1.0.0' }),
        app('shop', { version: '1.0.0' }),
      ],
      runs: [
        // Alice resumed checkout at 21:00 to work late: it stays up tonight.
        run({ createdAt: '2026-12-03T21:00:00Z' }),
        // Shop was resumed last night: tonight it is paused again.
        run({
          entityRef: 'component:default/shop',
          createdAt: '2026-12-02T23:00:00Z',
        }),
      ],
    });
    await instance.tick();
    expect(requests.map(r => r.input.entityRef)).toEqual([
      'component:default/shop',
    ]);
  });

  it('keeps awake for the hours a Resume asked for, across nights, and not after', async () => {
    const resumedTuesday = run({
      createdAt: '2026-12-01T21:00:00Z',
      parameters: { keepAwakeHours: 72 },
    });
    const keptAwake = scheduler({
      now: THURSDAY_NIGHT,
      applications: [app('checkout', { version: '1.0.0' })],
      runs: [resumedTuesday],
    });
    await keptAwake.instance.tick();
    expect(keptAwake.requests).toEqual([]);
    // It asked for runs far enough back to see a keep-awake of the longest allowed.
    expect(keptAwake.sinceAsked[0].toISOString()).toBe(
      '2026-11-30T22:00:00.000Z',
    );

    const expired = scheduler({
      now: new Date('2026-12-04T22:00:00Z'),
      applications: [app('checkout', { version: '1.0.0' })],
      runs: [resumedTuesday],
    });
    await expired.instance.tick();
    expect(expired.requests.map(r => r.input.action)).toEqual(['pause']);
  });

  it('resumes, once awake, only what it paused and whose night is over', async () => {
    const { instance, requests } = scheduler({
      now: new Date('2026-12-04T07:01:00Z'),
      applications: [
        app('checkout', {
          version: '1.0.0',
          replicas: 0,
          paused: { since: ASLEEP_SINCE, replicas: 2, until: FRIDAY_MORNING },
        }),
        app('paused-by-hand', {
          version: '1.0.0',
          replicas: 0,
          paused: { since: '2026-12-03T15:00:00Z' },
        }),
        app('paused-for-the-weekend', {
          version: '1.0.0',
          replicas: 0,
          paused: { since: ASLEEP_SINCE, until: '2026-12-07T07:00:00.000Z' },
        }),
        app('running', { version: '1.0.0' }),
      ],
    });
    await instance.tick();
    expect(requests).toEqual([
      {
        schedule: 'pause',
        input: {
          action: 'resume',
          entityRef: 'component:default/checkout',
          environment: 'dev',
          parameters: { reason: 'The pause schedule: awake hours begin' },
          idempotencyKey: `pause-schedule:checkout:dev:resume:${FRIDAY_MORNING}`,
        },
      },
    ]);
  });

  it('goes on with the others when one application is refused, and says why in the log', async () => {
    const { instance, requests, logger } = scheduler({
      now: THURSDAY_NIGHT,
      applications: [
        app('refused', { version: '1.0.0' }),
        app('checkout', { version: '1.0.0' }),
      ],
      refuse: 'refused',
    });
    await instance.tick();
    expect(requests.map(r => r.input.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'The pause schedule could not pause refused in dev: Development of Refused is busy',
    );
  });

  it('asks where the environment records pauses (the cluster, for the Kubernetes executor), not the manifest', async () => {
    const night = scheduler({
      now: THURSDAY_NIGHT,
      applications: ['checkout', 'shop', 'unreadable'].map(name =>
        app(name, { version: '1.0.0', replicas: 2 }),
      ),
      inCluster: {
        shop: { since: '2026-12-03T15:00:00Z', replicas: 2 },
        unreadable: new Error('the cluster refused (HTTP 403)'),
      },
    });
    await night.instance.tick();
    // Shop is paused on the cluster already; what cannot be read is left alone, and the log says why.
    expect(night.requests.map(r => r.input.entityRef)).toEqual([
      'component:default/checkout',
    ]);
    expect(night.logger.warn).toHaveBeenCalledWith(
      'The pause schedule could not tell whether unreadable is paused in dev: the cluster refused (HTTP 403)',
    );

    const morning = scheduler({
      now: new Date('2026-12-04T07:01:00Z'),
      applications: [app('checkout', { version: '1.0.0', replicas: 2 })],
      inCluster: {
        checkout: { since: ASLEEP_SINCE, replicas: 2, until: FRIDAY_MORNING },
      },
    });
    await morning.instance.tick();
    expect(morning.requests.map(r => r.input.action)).toEqual(['resume']);
  });
});
