import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import {
  key,
  instantRestart,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

describe('self-service insights', () => {
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  beforeAll(async () => {
    slipway = await startSlipwayBackend({
      executors: [instantRestart],
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

  it.each(['?weeks=0', '?weeks=53', '?weeks=many', '?weeks=1e309'])(
    'answers GET /insights/self-service%s with a 400',
    async query => {
      const res = await slipway.get('carol', `/insights/self-service${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/weeks/);
    },
  );
});

describe('insights from the GitOps history', () => {
  const gitops = new TestGitOps();
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  beforeAll(async () => {
    // Checkout's history: dev 1.1.0 and prod 1.0.0, then dev 1.2.0 and prod 1.1.0 (dev's version before). The test
    // backend declares shop beside it, and indexes the history as it starts.
    gitops.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '1.1.0', prod: '1.0.0' },
      }),
    });
    gitops.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '1.2.0', prod: '1.1.0' },
      }),
    });
    slipway = await startSlipwayBackend({
      gitops,
      executors: [instantRestart],
    });
  });
  afterAll(() => gitops.remove());

  /** Asks until the index has taken in the repository's head. */
  async function indexed(user: string, path: string) {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const res = await slipway.get(user, path);
      expect(res.status).toBe(200);
      if (res.body.history.indexed?.revision === gitops.head()) return res.body;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(
      `${path} never showed the repository’s head: ${JSON.stringify(
        (await slipway.get(user, path)).body.history,
      )}`,
    );
  }

  it('counts adoption and delivery from the history, for everyone or a team, and one application’s', async () => {
    const carol = await indexed('carol', '/insights/adoption?weeks=1');
    expect(carol).toMatchObject({
      scope: 'all',
      byWeek: [{ applications: 2, problems: 0 }],
      newApplications: [
        expect.objectContaining({ owner: 'group:default/payments', count: 1 }),
        expect.objectContaining({
          owner: 'group:default/storefront',
          count: 1,
        }),
      ],
    });
    const alice = await indexed('alice', '/insights/adoption?weeks=1');
    expect(alice).toMatchObject({
      scope: 'teams',
      byWeek: [{ applications: 1 }],
    });

    const delivery = await indexed('carol', '/insights/delivery?weeks=1');
    expect(delivery).toMatchObject({
      firstEnvironment: 'dev',
      productionEnvironments: ['prod'],
      leadTime: { releases: 3 },
      recentReleases: expect.arrayContaining([
        expect.objectContaining({
          application: 'checkout',
          version: '1.1.0',
          leadTimeHours: expect.any(Number),
        }),
        expect.objectContaining({ application: 'shop', version: '1.0.0' }),
      ]),
    });
    expect(delivery.deployments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ environment: 'dev', count: 3 }),
        expect.objectContaining({ environment: 'prod', count: 3 }),
      ]),
    );

    const checkout = await slipway.get(
      'bob',
      '/insights/applications/default/checkout/delivery',
    );
    expect(checkout.status).toBe(200);
    expect(checkout.body).toMatchObject({
      deployments: [
        { environment: 'prod', version: '1.1.0' },
        { environment: 'dev', version: '1.2.0' },
        expect.objectContaining({ version: expect.any(String) }),
        expect.objectContaining({ version: expect.any(String) }),
      ],
      releases: [{ version: '1.1.0' }, { version: '1.0.0' }],
      runs: [],
    });
    const missing = await slipway.get(
      'bob',
      '/insights/applications/default/nothing/delivery',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(
      /No application component:default\/nothing/,
    );
  });

  it.each([
    '/insights/adoption?weeks=0',
    '/insights/delivery?weeks=x',
    '/insights/delivery?weeks=1e309',
  ])('answers GET %s with a 400', async path => {
    const res = await slipway.get('carol', path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/weeks/);
  });
});
