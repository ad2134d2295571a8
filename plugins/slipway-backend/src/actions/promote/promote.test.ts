import { registerMswTestHooks } from '@backstage/backend-test-utils';
import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  applicationEntity,
  argoApplication,
} from '../../__testUtils__/entities';
import {
  auditEvents,
  key,
  sentNotifications,
  startSlipwayBackend,
} from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const ARGO = 'https://argocd.example.com';
const versions = { dev: '1.1.0', staging: '1.0.0', prod: '0.9.0' };
const alice = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
    memberOf: ['payments'],
  },
};

describe('promote', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);
  let repo: TestGitOps;

  beforeEach(() => {
    repo = new TestGitOps();
    repo.commit({
      'apps/checkout.yaml': serviceManifest('checkout', { versions }),
    });
    msw.use(http.all(/127\.0\.0\.1|localhost/, () => passthrough()));
  });
  afterEach(() => repo.remove());

  /** Argo CD's answer about checkout in staging. */
  const staging = (options: { health?: string; image?: string }) =>
    msw.use(
      http.get(`${ARGO}/api/v1/applications/checkout-staging`, () =>
        HttpResponse.json(
          argoApplication({
            health: options.health,
            images: [
              `registry.example.com/checkout:${options.image ?? '1.0.0'}`,
            ],
          }),
        ),
      ),
    );

  const start = () =>
    startSlipwayBackend({
      gitops: repo,
      entities: [
        applicationEntity('checkout', {
          environments: Object.fromEntries(
            Object.entries(versions).map(([e, v]) => [e, { version: v }]),
          ),
        }),
        alice,
      ],
      slipway: {
        environments: [
          { name: 'dev' },
          { name: 'staging', argocd: { instance: 'main' } },
          {
            name: 'prod',
            production: true,
            approval: { required: false },
            argocd: { instance: 'main' },
          },
        ],
        argocd: { instances: [{ name: 'main', url: ARGO, token: 't' }] },
        gitops: { url: repo.remote },
      },
    });

  const promote = (to: string, parameters: object = {}) => ({
    action: 'promote',
    entityRef: 'component:default/checkout',
    environment: to,
    parameters,
    idempotencyKey: key(),
  });

  it('commits the version of the previous environment, as the requester, changing one line', async () => {
    const slipway = await start();
    const before = repo.head();
    const res = await slipway.post('alice', promote('staging'));
    expect(res.status).toBe(201);
    expect(res.body.parameters).toEqual({
      from: 'dev',
      version: '1.1.0',
      previousVersion: '1.0.0',
      sourceCheck: 'not checked: no Argo CD is configured for dev',
    });
    const run = await slipway.finished('alice', res.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      result: {
        summary: expect.stringMatching(
          /^Promoted to staging: 1\.1\.0, committed [0-9a-f]{12}$/,
        ),
      },
    });
    expect(repo.head()).not.toBe(before);
    // The Platform tab shows the new version at once, from the repository, while the catalog still holds the old one.
    const environments = await slipway.get(
      'alice',
      '/applications/default/checkout/environments',
    );
    expect(
      environments.body.environments.map((e: any) => e.desired?.version),
    ).toEqual(['1.1.0', '1.1.0', '0.9.0']);
    expect(repo.inspect('log', '-1', '--format=%an <%ae>|%s')).toBe(
      'Alice Andersen <alice@acme.example>|Promote checkout to staging: 1.1.0\n',
    );
    expect(
      repo
        .inspect('diff', `${before}..main`, '--unified=0')
        .split('\n')
        .filter(l => /^[-+] /.test(l)),
    ).toEqual([
      '-    staging: { version: "1.0.0" }',
      '+    staging: { version: "1.1.0" }',
    ]);
  });

  it('shows the diff of a dry run and commits nothing', async () => {
    staging({ health: 'Healthy' });
    const slipway = await start();
    const before = repo.head();
    const res = await slipway.post('alice', promote('prod', { dryRun: true }));
    expect(res.body.parameters.sourceCheck).toBe(
      'checked: Argo CD reports staging Healthy on 1.0.0',
    );
    const run = await slipway.finished('alice', res.body.id);
    expect(run.result.output.status).toBe('dry-run');
    expect(run.result.output.diff).toContain('+    prod: { version: "1.0.0" }');
    expect(repo.head()).toBe(before);
  });

  it('previews the diff as a read: no run, no commit, no notification, one low audit event', async () => {
    staging({ health: 'Healthy' });
    const slipway = await start();
    const before = repo.head();
    const notified = sentNotifications.length;
    const audited = auditEvents.length;
    const { idempotencyKey: _, ...request } = promote('prod');
    const res = await slipway.preview('alice', request);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'promote',
      entityRef: 'component:default/checkout',
      environment: 'prod',
      parameters: { from: 'staging', version: '1.0.0' },
      summary:
        'prod would go to 1.0.0 (the version of staging): apps/checkout.yaml changes in the GitOps repository',
      output: { status: 'dry-run' },
    });
    expect(res.body.output.diff).toContain('+    prod: { version: "1.0.0" }');
    expect(repo.head()).toBe(before);
    const runs = await slipway.get(
      'alice',
      '/runs?entityRef=component:default/checkout',
    );
    expect(runs.body.items).toEqual([]);
    expect(sentNotifications.length).toBe(notified);
    expect(
      auditEvents
        .slice(audited)
        .map(e => [e.eventId, e.severityLevel, e.outcome]),
    ).toEqual([['slipway-run-preview', 'low', 'success']]);
    // The run the preview showed can still be made: the preview held no lock.
    const run = await slipway.post('alice', promote('prod'));
    expect(run.status).toBe(201);
  });

  it('refuses a preview as it would refuse the run, with the same reason', async () => {
    const slipway = await start();
    const first = await slipway.preview('alice', {
      action: 'promote',
      entityRef: 'component:default/checkout',
      environment: 'dev',
    });
    expect(first.status).toBe(400);
    expect(first.body.error.message).toBe(
      'dev is the first environment: nothing is promoted into it',
    );
    const other = await slipway.preview('bob', {
      action: 'promote',
      entityRef: 'component:default/checkout',
      environment: 'staging',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain(
      'does not let user:default/bob promote component:default/checkout in staging',
    );
    expect(auditEvents.at(-1)).toMatchObject({
      eventId: 'slipway-run-preview',
      outcome: 'fail',
    });
  });

  it('offers the force checkbox only to those who may force', async () => {
    const slipway = await start();
    const forceOffered = async (user: string) =>
      (
        await slipway.get(user, '/applications/default/checkout/actions')
      ).body.actions
        .filter((a: any) => a.action === 'promote')
        .map((a: any) => 'force' in a.parameters.properties);
    expect(await forceOffered('alice')).toEqual([false, false, false]);
    expect(await forceOffered('carol')).toEqual([true, true, true]);
  });

  it('says where a preview can be shown: promote has one', async () => {
    const slipway = await start();
    const { actions } = (
      await slipway.get('alice', '/applications/default/checkout/actions')
    ).body;
    expect(
      actions
        .filter((a: any) => a.action === 'promote')
        .map((a: any) => a.previewable),
    ).toEqual([true, true, true]);
  });

  it('tells someone of another team first that they may not act here, before what the action lacks', async () => {
    const slipway = await start();
    const reasons = async (user: string) =>
      (
        await slipway.get(user, '/applications/default/checkout/actions')
      ).body.actions
        .filter((a: any) => a.action === 'promote')
        .map((a: any) => a.reason);
    const [bobInDev] = await reasons('bob');
    expect(bobInDev).toBe(
      'You may not run Promote on checkout title in dev: it belongs to payments, and you are not part of it.',
    );
    const [aliceInDev] = await reasons('alice');
    expect(aliceInDev).toBe(
      'dev is the first environment: nothing is promoted into it',
    );
  });

  it('refuses a version the source does not run', async () => {
    staging({ image: '0.9.5' });
    const slipway = await start();
    const res = await slipway.post('alice', promote('prod'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'staging runs 0.9.5, not the 1.0.0 its manifest declares; promote once Argo CD has synced it',
    );
  });

  it('refuses an unhealthy source unless a platform admin forces it', async () => {
    staging({ health: 'Degraded' });
    const slipway = await start();
    const refused = await slipway.post('alice', promote('prod'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'Argo CD reports staging Degraded. Someone allowed to force a promote (platform admins) can do it anyway.',
    );
    const notAllowed = await slipway.post(
      'alice',
      promote('prod', { force: true }),
    );
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error.message).toContain(
      'you are not allowed to force a promote (permission slipway.action.force)',
    );
    const forced = await slipway.post(
      'carol',
      promote('prod', { force: true }),
    );
    expect(forced.status).toBe(201);
    expect(forced.body.parameters.sourceCheck).toBe(
      'forced: Argo CD reports staging Degraded',
    );
    expect(await slipway.finished('carol', forced.body.id)).toMatchObject({
      status: 'succeeded',
    });
  });

  it('moves one environment at a time', async () => {
    const slipway = await start();
    const skip = await slipway.post('alice', promote('prod', { from: 'dev' }));
    expect(skip.status).toBe(400);
    expect(skip.body.error.message).toBe(
      'Promote moves a version one environment at a time: prod takes its version from staging (staging), not from dev',
    );
    const first = await slipway.post('alice', promote('dev'));
    expect(first.status).toBe(400);
    expect(first.body.error.message).toBe(
      'dev is the first environment: nothing is promoted into it',
    );
  });
});
