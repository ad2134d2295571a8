import { key, startSlipwayBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

describe('self-service insights', () => {
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  beforeAll(async () => {
    slipway = await startSlipwayBackend({
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async () => ({ summary: 'restarted' }),
        },
      ],
    });
    // Alice (payments) restarts checkout twice; Bob (storefront) restarts shop once.
    for (const [user, app] of [
      ['alice', 'checkout'],
      ['alice', 'checkout'],
      ['bob', 'shop'],
    ]) {
      const res = await slipway.post(user, {
        action: 'restart',
        entityRef: `component:default/${app}`,
        environment: 'dev',
        parameters: {},
        idempotencyKey: key(),
      });
      await slipway.finished(user, res.body.id);
    }
  });

  it('shows a platform admin every application, and a developer their teams’', async () => {
    const carol = await slipway.get('carol', '/insights/self-service?weeks=4');
    expect(carol.status).toBe(200);
    expect(carol.body).toMatchObject({
      weeks: 4,
      scope: 'all',
      runs: [
        expect.objectContaining({
          action: 'restart',
          status: 'succeeded',
          count: 3,
        }),
      ],
      mostRestarted: [
        { entityRef: 'component:default/checkout', restarts: 2 },
        { entityRef: 'component:default/shop', restarts: 1 },
      ],
      approvalWait: { decided: 0 },
    });

    const alice = await slipway.get('alice', '/insights/self-service');
    expect(alice.body).toMatchObject({
      weeks: 12,
      scope: 'teams',
      runs: [expect.objectContaining({ action: 'restart', count: 2 })],
      mostRestarted: [{ entityRef: 'component:default/checkout', restarts: 2 }],
    });
  });

  it.each(['?weeks=0', '?weeks=53', '?weeks=many'])(
    'answers GET /insights/self-service%s with a 400',
    async query => {
      const res = await slipway.get('carol', `/insights/self-service${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/weeks/);
    },
  );
});
