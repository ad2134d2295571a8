import {
  ActionExecutionContext,
  ActionExecutor,
} from '@slipway/backstage-plugin-slipway-node';
import {
  auditEvents,
  environments,
  key,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

/**
 * A restart that ends at once, or, asked with the reason "hold", waits until the test releases it. The gate is
 * closed before the run is asked for (hold()), so that release() opens it whether or not the run started yet.
 */
let gate: Promise<void> = Promise.resolve();
let release = () => {};
const hold = () => {
  gate = new Promise<void>(resolve => {
    release = resolve;
  });
};
const executor: ActionExecutor = {
  id: 'test',
  action: 'restart',
  async execute(ctx: ActionExecutionContext) {
    if (ctx.run.parameters.reason === 'hold') await gate;
    return { summary: `restarted ${ctx.entity.metadata.name}` };
  },
};

describe('feedback on a run', () => {
  const start = () =>
    startSlipwayBackend({
      executors: [executor],
      slipway: { environments },
      // As a catalog permission policy may: Bob does not see payments' applications.
      hiddenFrom: { 'user:default/bob': ['component:default/checkout'] },
    });
  const restart = (reason?: string) => ({
    action: 'restart',
    entityRef: 'component:default/checkout',
    environment: 'dev',
    parameters: reason ? { reason } : {},
    idempotencyKey: key(),
  });
  const rate = (
    slipway: Awaited<ReturnType<typeof start>>,
    user: string,
    id: string,
    body: object,
  ) => slipway.put(user, `/runs/${id}/feedback`, body);

  it('keeps the requester’s rating of a run that ended, redacting a pasted secret; a second rating replaces it', async () => {
    const slipway = await start();
    const requested = await slipway.post('alice', restart());
    await slipway.finished('alice', requested.body.id);

    const rated = await rate(slipway, 'alice', requested.body.id, {
      helpful: false,
      comment: '  It took 5 minutes; password=hunter2canary  ',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.feedback).toEqual({
      helpful: false,
      comment: 'It took 5 minutes; password=[REDACTED]',
      at: expect.any(String),
    });
    expect(
      (await slipway.get('dave', `/runs/${requested.body.id}`)).body.feedback,
    ).toMatchObject({ helpful: false });
    expect(
      auditEvents.filter(e => e.eventId === 'slipway-run-feedback').at(-1),
    ).toMatchObject({
      severityLevel: 'low',
      outcome: 'success',
      meta: {
        runId: requested.body.id,
        feedback: {
          helpful: false,
          comment: 'It took 5 minutes; password=[REDACTED]',
        },
      },
    });
    expect(JSON.stringify(auditEvents)).not.toContain('hunter2canary');

    const again = await rate(slipway, 'alice', requested.body.id, {
      helpful: true,
    });
    expect(again.body.feedback).toEqual({
      helpful: true,
      at: expect.any(String),
    });
  });

  it('is refused to someone else, to someone who cannot see the run, and before the run ends', async () => {
    const slipway = await start();
    const done = await slipway.post('alice', restart());
    await slipway.finished('alice', done.body.id);
    // Dave is of Alice's team and sees the run, but did not ask for it.
    const dave = await rate(slipway, 'dave', done.body.id, { helpful: true });
    expect([dave.status, dave.body.error.message]).toEqual([
      403,
      'Only the person who asked for a run rates it',
    ]);
    // Bob cannot see payments' applications: for him the run does not exist.
    const bob = await rate(slipway, 'bob', done.body.id, { helpful: true });
    expect(bob.status).toBe(404);

    hold();
    const running = await slipway.post('alice', restart('hold'));
    const early = await rate(slipway, 'alice', running.body.id, {
      helpful: true,
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(
      /^The run is (pending|running): rate it once it has ended$/,
    );
    release();
    await slipway.finished('alice', running.body.id);
    expect(
      (await slipway.get('alice', `/runs/${running.body.id}`)).body.feedback,
    ).toBeUndefined();
    // Dave's and the early rating are audited as refused; for Bob there was no run to rate.
    expect(
      auditEvents
        .filter(e => e.eventId === 'slipway-run-feedback')
        .slice(-2)
        .map(e => [e.meta?.requester, e.outcome]),
    ).toEqual([
      ['user:default/alice', 'fail'],
      ['user:default/alice', 'fail'],
    ]);
  });

  it.each([
    ['no rating', {}],
    ['a rating as text', { helpful: 'yes' }],
    [
      'a comment of 1,001 characters',
      { helpful: true, comment: 'x'.repeat(1001) },
    ],
    ['an unknown field', { helpful: true, stars: 5 }],
  ])('refuses %s with a 400', async (_, body) => {
    const slipway = await start();
    const done = await slipway.post('alice', restart());
    await slipway.finished('alice', done.body.id);
    const res = await rate(slipway, 'alice', done.body.id, body);
    expect(res.status).toBe(400);
    expect(
      (await slipway.get('alice', `/runs/${done.body.id}`)).body.feedback,
    ).toBeUndefined();
  });
});
