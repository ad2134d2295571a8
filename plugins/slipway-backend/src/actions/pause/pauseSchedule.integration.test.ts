import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import { parse } from 'yaml';
import { applicationEntity } from '../../__testUtils__/entities';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Awake one minute a week, three days from now: whenever this test runs, Development is in its night. (The clock
 * itself is the scheduler's concern: PauseScheduler.test.ts moves it.)
 */
const asleepNow = {
  timeZone: 'UTC',
  awake: [
    {
      days: [DAYS[new Date(Date.now() + 3 * 86400_000).getUTCDay()]],
      from: '00:00',
      to: '00:01',
    },
  ],
};

describe('the pause schedule, through the engine', () => {
  let repo: TestGitOps;

  beforeEach(() => {
    repo = new TestGitOps();
    repo.commit(
      {
        'apps/checkout.yaml': serviceManifest('checkout', {
          versions: { dev: '1.1.0', prod: '1.0.0' },
        }),
      },
      'Add checkout',
    );
  });
  afterEach(() => repo.remove());

  it('pauses Development at night as schedule:slipway/pause, without waiting for approval, once; a person who resumes keeps it up', async () => {
    // Backstage's mock scheduler, whose tasks run when the test says (its factory is not in its declared type).
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const slipway = await startSlipwayBackend({
      gitops: repo,
      entities: [applicationEntity('checkout')],
      features: [scheduler.factory({ skipTaskRunOnStartup: true })],
      slipway: {
        environments: [
          {
            name: 'dev',
            title: 'Development',
            // A person's pause would wait for a second person; the schedule is the platform team's own decision.
            approval: { required: true, actions: ['pause'] },
            actions: {
              pause: { executor: 'gitops', schedule: asleepNow },
              resume: { executor: 'gitops' },
            },
          },
          { name: 'prod', production: true },
        ],
        gitops: { url: repo.remote, refreshSeconds: 1 },
      },
    });
    const dev = () =>
      parse(repo.inspect('show', 'main:apps/checkout.yaml')).spec.environments
        .dev;
    const runs = async () =>
      (
        await slipway.get(
          'alice',
          '/runs?entityRef=component:default/checkout&limit=10',
        )
      ).body.items;

    await scheduler.triggerTask('slipway-pause-schedule');
    const [scheduled] = await runs();
    expect(scheduled).toMatchObject({
      action: 'pause',
      environment: 'dev',
      requester: 'schedule:slipway/pause',
      parameters: {
        reason: 'The pause schedule: awake hours are over',
        until: expect.any(String),
      },
    });
    expect(await slipway.finished('alice', scheduled.id)).toMatchObject({
      status: 'succeeded',
    });
    expect(dev()).toEqual({
      version: '1.1.0',
      replicas: 0,
      paused: {
        since: expect.any(String),
        until: scheduled.parameters.until,
      },
    });
    expect(
      auditEvents.filter(
        e =>
          e.eventId === 'slipway-run-request' &&
          e.meta?.requester === 'schedule:slipway/pause',
      ),
    ).toEqual([
      expect.objectContaining({
        outcome: 'success',
        meta: expect.objectContaining({ runId: scheduled.id }),
      }),
    ]);

    // The next tick of the same night asks for nothing more.
    await scheduler.triggerTask('slipway-pause-schedule');
    expect(await runs()).toHaveLength(1);

    // Alice resumes it to work late: the schedule leaves it running for the rest of the night.
    const resumed = await slipway.post('alice', {
      action: 'resume',
      entityRef: 'component:default/checkout',
      environment: 'dev',
      parameters: {},
      idempotencyKey: key(),
    });
    expect(resumed.status).toBe(201);
    expect(await slipway.finished('alice', resumed.body.id)).toMatchObject({
      status: 'succeeded',
    });
    expect(dev()).toEqual({ version: '1.1.0' });
    await scheduler.triggerTask('slipway-pause-schedule');
    expect((await runs()).map((r: any) => r.action)).toEqual([
      'resume',
      'pause',
    ]);
    expect(dev()).toEqual({ version: '1.1.0' });
  });
});
