import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import { parse } from 'yaml';
import { applicationEntity } from '../../__testUtils__/entities';
import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const alice = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
    memberOf: ['payments'],
  },
};

const pauseAndResume = {
  pause: { executor: 'gitops' },
  resume: { executor: 'gitops' },
};

/** Checkout's manifest, written in block style as a person would: dev runs 2 replicas, staging the default. */
const MANIFEST = `apiVersion: slipway.dev/v1alpha1
kind: Application
metadata:
  name: checkout
spec:
  type: service
  owner: group:default/payments
  system: payments
  image: registry.example.com/checkout
  environments:
    # Two replicas, so that a pause has something to remember.
    dev:
      version: "1.1.0"
      replicas: 2
    staging:
      version: "1.0.0"
    prod:
      version: "0.9.0"
      replicas: 3
`;

describe('pause and resume', () => {
  let repo: TestGitOps;

  beforeEach(() => {
    repo = new TestGitOps();
    repo.commit({ 'apps/checkout.yaml': MANIFEST }, 'Add checkout');
  });
  afterEach(() => repo.remove());

  const start = (options: { devApproval?: boolean } = {}) =>
    startSlipwayBackend({
      gitops: repo,
      entities: [applicationEntity('checkout'), alice],
      slipway: {
        environments: [
          {
            name: 'dev',
            title: 'Development',
            actions: pauseAndResume,
            ...(options.devApproval
              ? { approval: { required: true, actions: ['pause'] } }
              : {}),
          },
          { name: 'staging', title: 'Staging', actions: pauseAndResume },
          { name: 'prod', production: true, actions: pauseAndResume },
        ],
        gitops: { url: repo.remote, refreshSeconds: 1 },
      },
    });

  const request = (
    action: string,
    environment: string,
    parameters: object = {},
  ) => ({
    action,
    entityRef: 'component:default/checkout',
    environment,
    parameters,
    idempotencyKey: key(),
  });

  /** The environment's entry in the manifest on the branch now. */
  const entry = (environment: string) =>
    parse(repo.inspect('show', 'main:apps/checkout.yaml')).spec.environments[
      environment
    ];

  /** What the actions endpoint offers one person, per environment, for one action. */
  const offered = async (
    slipway: Awaited<ReturnType<typeof start>>,
    action: string,
    user = 'alice',
  ) =>
    Object.fromEntries(
      (
        await slipway.get(user, '/applications/default/checkout/actions')
      ).body.actions
        .filter((a: any) => a.action === action)
        .map((a: any) => [a.environment, a]),
    );

  const run = async (
    slipway: Awaited<ReturnType<typeof start>>,
    action: string,
    environment: string,
    parameters: object = {},
  ) => {
    const res = await slipway.post(
      'alice',
      request(action, environment, parameters),
    );
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(201);
    return slipway.finished('alice', res.body.id);
  };

  it('pauses dev to no replicas, remembering its two, and resumes it with them, as commits by the requester', async () => {
    const slipway = await start();
    expect((await offered(slipway, 'resume')).dev).toMatchObject({
      allowed: false,
      reason: 'Development is not paused: there is nothing to resume.',
    });

    const paused = await run(slipway, 'pause', 'dev', { reason: 'holiday' });
    expect(paused).toMatchObject({
      status: 'succeeded',
      result: {
        summary: expect.stringMatching(/^Paused dev, committed [0-9a-f]{12}$/),
      },
    });
    expect(entry('dev')).toEqual({
      version: '1.1.0',
      replicas: 0,
      paused: {
        since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        replicas: 2,
      },
    });
    expect(repo.inspect('log', '-1', '--format=%an|%s|%b')).toContain(
      'Alice Andersen|Pause checkout in dev|Runs no replicas until resumed. Reason: holiday',
    );
    // The comment above dev stays: the file is a person's, not the portal's.
    expect(repo.inspect('show', 'main:apps/checkout.yaml')).toContain(
      '# Two replicas, so that a pause has something to remember.',
    );
    // The Platform tab knows at once; Pause now says why not, Resume is offered.
    const environments = await slipway.get(
      'alice',
      '/applications/default/checkout/environments',
    );
    expect(environments.body.environments[0].desired).toMatchObject({
      replicas: 0,
      paused: { since: entry('dev').paused.since, replicas: 2 },
    });
    expect((await offered(slipway, 'pause')).dev).toMatchObject({
      allowed: false,
      reason: 'Development is already paused just now; Resume starts it again.',
    });
    expect((await offered(slipway, 'resume')).dev.allowed).toBe(true);

    const resumed = await run(slipway, 'resume', 'dev');
    expect(resumed.result.summary).toMatch(
      /^Resumed dev, committed [0-9a-f]{12}$/,
    );
    expect(entry('dev')).toEqual({ version: '1.1.0', replicas: 2 });
    expect(
      auditEvents
        .filter(e => e.eventId === 'slipway-run-request')
        .slice(-2)
        .map(e => [e.meta?.action, e.outcome]),
    ).toEqual([
      ['pause', 'success'],
      ['resume', 'success'],
    ]);
  });

  it('resumes an environment that declared no replicas back to its default', async () => {
    const slipway = await start();
    await run(slipway, 'pause', 'staging');
    expect(entry('staging')).toEqual({
      version: '1.0.0',
      replicas: 0,
      paused: { since: expect.any(String) },
    });
    await run(slipway, 'resume', 'staging');
    expect(entry('staging')).toEqual({ version: '1.0.0' });
  });

  it('never pauses production, for anyone', async () => {
    const slipway = await start();
    for (const user of ['alice', 'carol']) {
      expect((await offered(slipway, 'pause', user)).prod).toMatchObject({
        allowed: false,
        reason: 'Slipway never pauses prod: it is a production environment.',
      });
    }
    const before = repo.head();
    const res = await slipway.post('carol', request('pause', 'prod'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'Slipway never pauses prod: it is a production environment.',
    );
    expect(repo.head()).toBe(before);
  });

  it('previews the change and writes nothing', async () => {
    const slipway = await start();
    const before = repo.head();
    const res = await slipway.preview('alice', {
      action: 'pause',
      entityRef: 'component:default/checkout',
      environment: 'dev',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      summary:
        'Development would be paused: apps/checkout.yaml changes in the GitOps repository',
      output: { status: 'dry-run' },
    });
    expect(res.body.output.diff).toContain('-      replicas: 2');
    expect(res.body.output.diff).toContain('+      replicas: 0');
    expect(repo.head()).toBe(before);
  });

  it('writes nothing when the environment was paused by hand while the run waited for approval', async () => {
    const slipway = await start({ devApproval: true });
    const res = await slipway.post('alice', request('pause', 'dev'));
    expect(res.body.status).toBe('awaiting-approval');
    repo.commit(
      {
        'apps/checkout.yaml': MANIFEST.replace(
          '      replicas: 2\n',
          '      replicas: 0\n      paused: { since: "2026-12-05T20:00:00Z", replicas: 2 }\n',
        ),
      },
      'Pause dev by hand',
    );
    const before = repo.head();
    expect((await slipway.approve('dave', res.body.id)).status).toBe(200);
    const done = await slipway.finished('alice', res.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { summary: 'dev was already paused' },
    });
    expect(repo.head()).toBe(before);
  });

  describe('who may pause and resume where', () => {
    it.each([
      ['alice', 'dev', 'succeeded'],
      ['bob', 'dev', 403],
      ['carol', 'dev', 'succeeded'],
      // Production is never paused; bob is first told that he may not act on payments' applications at all.
      ['alice', 'prod', 400],
      ['bob', 'prod', 403],
      ['carol', 'prod', 400],
    ])('%s pausing %s: %s', async (user, environment, expected) => {
      const slipway = await start();
      const res = await slipway.post(user, request('pause', environment));
      const outcome =
        res.status === 201
          ? (await slipway.finished(user, res.body.id)).status
          : res.status;
      expect(outcome).toBe(expected);
      const declaredBefore = environment === 'dev' ? 2 : 3;
      expect(entry(environment).replicas).toBe(
        expected === 'succeeded' ? 0 : declaredBefore,
      );
    });

    it.each([
      ['alice', 'succeeded'],
      ['bob', 403],
      ['carol', 'succeeded'],
    ])('%s resuming dev: %s', async (user, expected) => {
      repo.commit({
        'apps/checkout.yaml': MANIFEST.replace(
          '      replicas: 2\n',
          '      replicas: 0\n      paused: { since: "2026-12-05T20:00:00Z", replicas: 2 }\n',
        ),
      });
      const slipway = await start();
      const res = await slipway.post(user, request('resume', 'dev'));
      const outcome =
        res.status === 201
          ? (await slipway.finished(user, res.body.id)).status
          : res.status;
      expect(outcome).toBe(expected);
      expect(entry('dev').replicas).toBe(expected === 'succeeded' ? 2 : 0);
    });
  });
});
