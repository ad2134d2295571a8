import { ActionExecutor } from '@slipway/backstage-plugin-slipway-node';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const restart = (environment: string) => ({
  action: 'restart',
  entityRef: 'component:default/checkout',
  environment,
  parameters: { reason: 'stuck' },
  idempotencyKey: key(),
});

/** Every refused request leaves a failed `slipway-run-request` event saying why; only recorded runs have a run. */
describe('audit of refused run requests', () => {
  let release: () => void = () => {};
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    execute: () =>
      new Promise(resolve => {
        release = () => resolve({ summary: 'restarted' });
      }),
  };
  const requests = () =>
    auditEvents.filter(e => e.eventId === 'slipway-run-request');
  beforeEach(() => {
    auditEvents.length = 0;
  });
  afterEach(() => release());

  it('audits a denial, an action not set up here, and a busy environment', async () => {
    const slipway = await startSlipwayBackend({
      executors: [executor],
      slipway: {
        environments: [
          { name: 'dev', actions: { restart: { executor: 'test' } } },
          { name: 'staging' },
        ],
      },
    });

    expect((await slipway.post('bob', restart('dev'))).status).toBe(403);
    expect(requests().pop()).toMatchObject({
      outcome: 'fail',
      error: expect.stringMatching(/bob|payments|owner/i),
      meta: {
        entityRef: 'component:default/checkout',
        environment: 'dev',
        requester: 'user:default/bob',
      },
    });

    const notSetUp = await slipway.post('alice', restart('staging'));
    expect(notSetUp.status).toBe(400);
    expect(requests().pop()).toMatchObject({
      outcome: 'fail',
      error: notSetUp.body.error.message,
      meta: { environment: 'staging', requester: 'user:default/alice' },
    });

    const first = await slipway.post('alice', restart('dev'));
    expect(first.status).toBe(201);
    const busy = await slipway.post('alice', restart('dev'));
    expect(busy.status).toBe(409);
    const refusedEvent = requests().pop()!;
    expect(refusedEvent).toMatchObject({
      outcome: 'fail',
      error: busy.body.error.message,
      meta: { runRecorded: false },
    });
    expect(refusedEvent.meta!.runId).not.toBe(first.body.id);
    // The request that was recorded says so, with its run.
    expect(requests().find(e => e.meta?.runId === first.body.id)).toMatchObject(
      // Recorded already claimed by this instance's worker, which had a free slot.
      { outcome: 'success', meta: { status: 'running' } },
    );
  });
});
