import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import { applicationEntity } from '../../__testUtils__/entities';
import { fakeCluster, K8S_API } from '../../__testUtils__/kubernetes';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const TOKEN = 'k8s-token-canary';

/**
 * Pause and Resume through the backend where the environment scales the workload itself (no GitOps for replicas):
 * the pause lives in the workload's annotations, so the Platform tab, the buttons and the runs read it from there,
 * and the manifest is never written.
 */
describe('pause and resume with the Kubernetes executor', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);
  let repo: TestGitOps;

  beforeEach(() => {
    msw.use(http.all(/127\.0\.0\.1|localhost/, () => passthrough()));
    repo = new TestGitOps();
  });
  afterEach(() => repo.remove());

  const start = () =>
    startSlipwayBackend({
      gitops: repo,
      entities: [
        applicationEntity('checkout', {
          environments: { dev: { version: '1.1.0', replicas: 3 } },
        }),
      ],
      slipway: {
        environments: [
          {
            name: 'dev',
            title: 'Development',
            // The fake cluster holds checkout in namespace checkout-prod.
            kubernetes: {
              cluster: 'prod-eu',
              namespace: '{{ app.name }}-prod',
            },
            actions: {
              pause: { executor: 'kubernetes' },
              resume: { executor: 'kubernetes' },
            },
          },
        ],
        kubernetes: {
          clusters: [
            {
              name: 'prod-eu',
              url: K8S_API,
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      },
    });

  const offered = async (
    slipway: Awaited<ReturnType<typeof start>>,
    action: string,
  ) =>
    (
      await slipway.get('alice', '/applications/default/checkout/actions')
    ).body.actions.find(
      (a: any) => a.action === action && a.environment === 'dev',
    );

  const dev = async (slipway: Awaited<ReturnType<typeof start>>) =>
    (await slipway.get('alice', '/applications/default/checkout/environments'))
      .body.environments[0];

  const run = async (
    slipway: Awaited<ReturnType<typeof start>>,
    action: string,
  ) => {
    const res = await slipway.post('alice', {
      action,
      entityRef: 'component:default/checkout',
      environment: 'dev',
      parameters: {},
      idempotencyKey: key(),
    });
    expect(res.body.error?.message).toBeUndefined();
    return slipway.finished('alice', res.body.id);
  };

  it('pauses and resumes the workload, shows the pause from its annotations, and never writes the manifest', async () => {
    const cluster = fakeCluster({ podsPerRead: 3 });
    msw.use(...cluster.handlers);
    const slipway = await start();
    const manifestBefore = repo.head();
    expect((await offered(slipway, 'resume')).reason).toBe(
      'Development is not paused: there is nothing to resume.',
    );

    const paused = await run(slipway, 'pause');
    expect(paused).toMatchObject({
      status: 'succeeded',
      result: {
        summary:
          'Paused deployment checkout-prod/checkout in cluster prod-eu: no pods are running',
      },
    });
    expect(cluster.workload.spec.replicas).toBe(0);
    // The Platform tab and the buttons know at once (the run dropped what was read of the workload).
    expect(await dev(slipway)).toMatchObject({
      desired: { version: '1.1.0', replicas: 3 },
      paused: { since: expect.any(String), replicas: 3 },
    });
    expect((await offered(slipway, 'pause')).reason).toBe(
      'Development is already paused just now; Resume starts it again.',
    );
    expect((await offered(slipway, 'resume')).allowed).toBe(true);

    const resumed = await run(slipway, 'resume');
    expect(resumed.result.summary).toBe(
      'Resumed deployment checkout-prod/checkout in cluster prod-eu: 3 of 3 replicas updated and available',
    );
    expect((await dev(slipway)).paused).toBeUndefined();
    expect(repo.head()).toBe(manifestBefore);
    expect(
      auditEvents
        .filter(e => e.eventId === 'slipway-run-request')
        .slice(-2)
        .map(e => [e.meta?.action, e.outcome]),
    ).toEqual([
      ['pause', 'success'],
      ['resume', 'success'],
    ]);
    expect(JSON.stringify(auditEvents)).not.toContain('canary');
  });

  it('offers neither button, and says why, when the cluster refuses to show the workload', async () => {
    const cluster = fakeCluster({ refuseRead: true });
    msw.use(...cluster.handlers);
    const slipway = await start();
    const refusal = {
      allowed: false,
      reason:
        'Slipway could not find out whether checkout title is paused in Development, so it offers neither Pause nor Resume for now. If this lasts, tell the platform team.',
      // The technical detail, one step further for the platform engineer.
      detail:
        'Could not read deployment checkout-prod/checkout in cluster prod-eu: the cluster refused (HTTP 403: deployments.apps "checkout" is forbidden: User "system:serviceaccount:slipway:portal" cannot get)',
    };
    expect(await offered(slipway, 'pause')).toMatchObject(refusal);
    expect(await offered(slipway, 'resume')).toMatchObject(refusal);
    // The tab still shows the application; it cannot say it is paused.
    expect((await dev(slipway)).paused).toBeUndefined();
  });
});
