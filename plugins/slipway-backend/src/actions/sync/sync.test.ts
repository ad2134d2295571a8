import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { argoCdFake, FakeSyncOutcome } from '../../__testUtils__/argoCdFake';
import { applicationEntity } from '../../__testUtils__/entities';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../../__testUtils__/testBackend';
import { RUN_INFO } from './ArgoCdSyncExecutor';

jest.setTimeout(120_000);

const ARGO = 'https://argocd.example.com';
const TOKEN = 'argo-token-canary';
const sync = { sync: { executor: 'argocd', pollSeconds: 0.05 } };

describe('sync', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);

  beforeEach(() => {
    msw.use(http.all(/127\.0\.0\.1|localhost/, () => passthrough()));
  });

  /**
   * Checkout in four environments: dev and prod with Argo CD and Sync; staging with Sync but no Argo CD; qa with
   * Argo CD but no Sync. Argo CD holds checkout-dev and checkout-prod as given (default: out of sync, degraded).
   */
  const start = async (
    options: {
      apps?: Record<string, { sync: string; health: string }>;
      outcome?: FakeSyncOutcome;
      respond?: Parameters<typeof argoCdFake>[1]['respond'];
    } = {},
  ) => {
    const argo = argoCdFake(msw, {
      url: ARGO,
      token: TOKEN,
      apps: options.apps ?? {
        'checkout-dev': { sync: 'OutOfSync', health: 'Degraded' },
        'checkout-prod': { sync: 'OutOfSync', health: 'Healthy' },
        'checkout-qa': { sync: 'OutOfSync', health: 'Healthy' },
      },
      outcome: options.outcome,
      respond: options.respond,
    });
    const slipway = await startSlipwayBackend({
      entities: [
        applicationEntity('checkout', {
          environments: Object.fromEntries(
            ['dev', 'staging', 'qa', 'prod'].map(e => [
              e,
              { version: '1.0.0' },
            ]),
          ),
        }),
      ],
      slipway: {
        environments: [
          {
            name: 'dev',
            title: 'Development',
            argocd: { instance: 'main' },
            actions: sync,
          },
          { name: 'staging', title: 'Staging', actions: sync },
          { name: 'qa', title: 'QA', argocd: { instance: 'main' } },
          {
            name: 'prod',
            title: 'Production',
            production: true,
            argocd: { instance: 'main' },
            actions: sync,
          },
        ],
        // Argo CD is asked every time, so that what a run changed shows at once.
        argocd: {
          instances: [{ name: 'main', url: ARGO, token: TOKEN }],
          cacheSeconds: 0,
          timeoutMs: 500,
        },
      },
    });
    return { argo, slipway };
  };

  type Slipway = Awaited<ReturnType<typeof start>>['slipway'];

  const request = (environment: string, parameters: object = {}) => ({
    action: 'sync',
    entityRef: 'component:default/checkout',
    environment,
    parameters,
    idempotencyKey: key(),
  });

  /** What the actions endpoint offers one person for sync, per environment. */
  const offered = async (slipway: Slipway, user = 'alice') =>
    Object.fromEntries(
      (
        await slipway.get(user, '/applications/default/checkout/actions')
      ).body.actions
        .filter((a: any) => a.action === 'sync')
        .map((a: any) => [a.environment, a]),
    );

  const messages = async (slipway: Slipway, id: string) =>
    (await slipway.get('alice', `/runs/${id}/log`)).body.lines.map(
      (l: any) => l.message,
    );

  it('is offered where Argo CD reports the environment out of sync or unhealthy, and says why not elsewhere', async () => {
    const { slipway } = await start({
      apps: {
        'checkout-dev': { sync: 'OutOfSync', health: 'Degraded' },
        'checkout-prod': { sync: 'Synced', health: 'Healthy' },
      },
    });
    const actions = await offered(slipway);
    expect(actions.dev).toMatchObject({
      title: 'Sync with Argo CD',
      allowed: true,
      confirm: false,
    });
    expect(actions.dev.parameters.properties.mode).toMatchObject({
      default: 'sync',
      oneOf: [
        {
          const: 'sync',
          title: expect.stringMatching(/^Sync: apply what Git declares/),
        },
        { const: 'refresh', title: expect.stringMatching(/^Refresh only/) },
      ],
    });
    expect(actions.staging).toEqual(
      expect.objectContaining({
        allowed: false,
        reason:
          'Argo CD is not connected to this portal for Staging, so Slipway cannot ask it to sync checkout title. The platform team connects Argo CD per environment.',
        detail:
          'No Argo CD is configured for this environment (slipway.environments[1].argocd); see docs/actions.md#sync.',
      }),
    );
    expect(actions.qa).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(
        /^Sync with Argo CD is not set up for QA: the platform team has not connected it/,
      ),
    });
    expect(actions.prod).toMatchObject({
      allowed: false,
      reason:
        'Argo CD reports this environment in sync and healthy; nothing to sync.',
      detail:
        'Argo CD reports checkout title in Production Synced and Healthy at revision abc123def456.',
    });
    // A request is refused with the same words, and recorded as refused.
    const res = await slipway.post('alice', request('prod'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Argo CD reports this environment in sync and healthy; nothing to sync\./,
    );
  });

  it('syncs through the engine: recorded with what Argo CD reported, followed to Succeeded, audited', async () => {
    const { slipway, argo } = await start();
    const res = await slipway.post(
      'alice',
      request('dev', { reason: 'pods crash-loop' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.parameters).toEqual({
      mode: 'sync',
      reason: 'pods crash-loop',
      reported: 'OutOfSync, Degraded',
    });
    const run = await slipway.finished('alice', res.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      result: {
        summary:
          'Argo CD synced checkout-dev to abc123def456; it reports Synced and Healthy',
        links: [{ title: 'Argo CD', url: `${ARGO}/applications/checkout-dev` }],
      },
    });
    expect(argo.calls.syncs).toEqual([
      {
        name: 'checkout-dev',
        body: {
          prune: false,
          infos: [
            { name: RUN_INFO, value: res.body.id },
            { name: 'Requested by', value: 'user:default/alice' },
          ],
        },
      },
    ]);
    expect(await messages(slipway, res.body.id)).toEqual(
      expect.arrayContaining([
        'Argo CD reports checkout-dev OutOfSync and Degraded; asking it to sync',
        expect.stringMatching(/^Sync Running: waiting for healthy state/),
        expect.stringMatching(/^Sync Succeeded: successfully synced/),
      ]),
    );
    const execution = auditEvents.filter(
      e =>
        e.eventId === 'slipway-run-execution' && e.meta?.runId === res.body.id,
    );
    expect(execution).toEqual([
      expect.objectContaining({
        outcome: 'success',
        severityLevel: 'medium',
        meta: expect.objectContaining({
          action: 'sync',
          environment: 'dev',
          summary: run.result.summary,
        }),
      }),
    ]);
    // Now in sync: the button says there is nothing to do.
    expect((await offered(slipway)).dev).toMatchObject({
      allowed: false,
      reason:
        'Argo CD reports this environment in sync and healthy; nothing to sync.',
    });
    expect(JSON.stringify(auditEvents)).not.toContain(TOKEN);
  });

  it("fails the run with Argo CD's message when the sync fails", async () => {
    const { slipway } = await start({
      outcome: {
        phases: ['Running', 'Failed'],
        message: 'one or more objects failed to apply',
        failedResources: [
          {
            kind: 'Deployment',
            name: 'checkout',
            message: 'admission webhook "policy" denied the request',
          },
        ],
      },
    });
    const res = await slipway.post('alice', request('dev'));
    const run = await slipway.finished('alice', res.body.id);
    expect(run).toMatchObject({
      status: 'failed',
      error:
        'Argo CD\'s sync of checkout-dev ended Failed: one or more objects failed to apply (1 of 2 resources synced); Deployment checkout/checkout: admission webhook "policy" denied the request',
    });
    expect(
      auditEvents.find(
        e =>
          e.eventId === 'slipway-run-execution' &&
          e.meta?.runId === res.body.id,
      ),
    ).toMatchObject({ outcome: 'fail', error: run.error });
  });

  it('fails the run saying that the token lacks "applications, sync" when Argo CD answers 403', async () => {
    const { slipway, argo } = await start({
      respond: {
        sync: () =>
          HttpResponse.json(
            {
              error: 'permission denied',
              code: 7,
              message: 'permission denied',
            },
            { status: 403 },
          ),
      },
    });
    const res = await slipway.post('alice', request('dev'));
    const run = await slipway.finished('alice', res.body.id);
    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      'Argo CD (main) refused to sync "checkout-dev" (HTTP 403: permission denied): the token of slipway.argocd.instances "main" may read this application but not sync it; its role needs the RBAC permission "applications, sync"',
    );
    expect(argo.calls.syncs).toEqual([]);
  });

  it.each([
    [
      'refuses the token (401)',
      () =>
        HttpResponse.json(
          { error: 'invalid session: token is expired', code: 16 },
          { status: 401 },
        ),
      'Argo CD (main) refused the token (HTTP 401); check slipway.argocd.instances',
    ],
    [
      'is unreachable',
      () => HttpResponse.error(),
      expect.stringMatching(/^Argo CD \(main\) is unreachable: /),
    ],
    [
      'does not answer in time',
      () =>
        new Promise<Response>(r =>
          setTimeout(() => r(HttpResponse.json({})), 2000),
        ),
      'Argo CD (main) did not answer within 500 ms',
    ],
  ])(
    'is not offered when Argo CD %s, and says so',
    async (_, answer, detail) => {
      const { slipway, argo } = await start({ respond: { get: answer } });
      expect((await offered(slipway)).dev).toEqual(
        expect.objectContaining({
          allowed: false,
          reason:
            'Argo CD cannot be asked about checkout title in Development right now, so Slipway cannot sync it. Try again in a moment; if it lasts, tell the platform team.',
          detail,
        }),
      );
      const res = await slipway.post('alice', request('dev'));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Argo CD cannot be asked/);
      expect(argo.calls.syncs).toEqual([]);
    },
  );

  it('refreshes only, at once even in production: a refresh changes nothing, so it needs no approval', async () => {
    const { slipway, argo } = await start();
    const res = await slipway.post(
      'alice',
      request('prod', { mode: 'refresh' }),
    );
    expect(res.status).toBe(201);
    const run = await slipway.finished('alice', res.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      result: {
        summary:
          'Argo CD compared checkout-prod with Git again: it reports OutOfSync and Healthy',
      },
    });
    expect(argo.calls.refreshes).toEqual(['checkout-prod']);
    expect(argo.calls.syncs).toEqual([]);
  });

  describe('who may sync where', () => {
    const refused = (environment: string) => ({
      allowed: false,
      status: 403,
      message: expect.stringContaining(
        `You may not run Sync with Argo CD on checkout title in ${environment}`,
      ),
      syncs: 0,
    });
    // Production waits for a second person: Argo CD is not asked until then.
    const waits = {
      allowed: true,
      status: 201,
      run: 'awaiting-approval',
      syncs: 0,
    };
    const done = { allowed: true, status: 201, run: 'succeeded', syncs: 1 };

    it.each([
      ['alice', 'dev', done],
      ['alice', 'prod', waits],
      ['bob', 'dev', refused('Development')],
      ['bob', 'prod', refused('Production')],
      ['carol', 'dev', done],
      ['carol', 'prod', waits],
    ])('%s in %s', async (user, environment, expected) => {
      const { slipway, argo } = await start();
      const offer = (await offered(slipway, user))[environment];
      const res = await slipway.post(user, request(environment));
      let run: string | undefined;
      if (res.status === 201)
        run =
          res.body.status === 'awaiting-approval'
            ? res.body.status
            : (await slipway.finished(user, res.body.id)).status;
      expect({
        allowed: offer.allowed,
        status: res.status,
        message: res.body.error?.message,
        run,
        syncs: argo.calls.syncs.length,
      }).toEqual(expected);
    });

    it('syncs production once a second person approves', async () => {
      const { slipway, argo } = await start();
      const res = await slipway.post('alice', request('prod'));
      expect(res.body.status).toBe('awaiting-approval');
      expect((await slipway.approve('dave', res.body.id)).status).toBe(200);
      expect(await slipway.finished('alice', res.body.id)).toMatchObject({
        status: 'succeeded',
      });
      expect(argo.calls.syncs.map(s => s.name)).toEqual(['checkout-prod']);
    });
  });
});
