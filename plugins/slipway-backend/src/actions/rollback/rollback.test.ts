import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
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

const rollback = { rollback: { executor: 'gitops' } };

/** Checkout's manifest at `apps/checkout.yaml`, committed with the given versions. */
const manifest = (versions: Record<string, string>) => ({
  'apps/checkout.yaml': serviceManifest('checkout', { versions }),
});

describe('rollback', () => {
  let repo: TestGitOps;

  beforeEach(() => {
    repo = new TestGitOps();
    repo.commit(
      manifest({ dev: '1.1.0', staging: '1.0.0', prod: '0.9.0' }),
      'Add checkout',
    );
  });
  afterEach(() => repo.remove());

  const start = () =>
    startSlipwayBackend({
      gitops: repo,
      entities: [applicationEntity('checkout'), alice],
      slipway: {
        environments: [
          { name: 'dev', actions: rollback },
          { name: 'staging', title: 'Staging', actions: rollback },
          // Production keeps its default: every change waits for a second person.
          { name: 'prod', production: true, actions: rollback },
        ],
        // Read again each second, so that a commit made here beside the portal is seen.
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

  /** What the manifest declares for an environment now. */
  const declared = (environment: string) =>
    repo
      .inspect('show', 'main:apps/checkout.yaml')
      .match(new RegExp(`${environment}: \\{ version: "([^"]+)" \\}`))?.[1];

  /** What the actions endpoint offers one person for rollback, per environment. */
  const offered = async (
    slipway: Awaited<ReturnType<typeof start>>,
    user = 'alice',
  ) =>
    Object.fromEntries(
      (
        await slipway.get(user, '/applications/default/checkout/actions')
      ).body.actions
        .filter((a: any) => a.action === 'rollback')
        .map((a: any) => [a.environment, a]),
    );

  it('after two promotes, goes back to the version before, as a commit by the requester', async () => {
    const slipway = await start();
    const promote = async () => {
      const res = await slipway.post('alice', request('promote', 'staging'));
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(201);
      expect(await slipway.finished('alice', res.body.id)).toMatchObject({
        status: 'succeeded',
      });
    };
    await promote(); // staging 1.0.0 → 1.1.0
    repo.commit(manifest({ dev: '1.2.0', staging: '1.1.0', prod: '0.9.0' }));
    // Until the portal's index of the repository has read that commit (it reads again after refreshSeconds).
    for (
      let dev: string | undefined;
      dev !== '1.2.0';
      await new Promise(resolve => setTimeout(resolve, 100))
    ) {
      const { body } = await slipway.get(
        'alice',
        '/applications/default/checkout/environments',
      );
      dev = body.environments.find((e: any) => e.name === 'dev')?.desired
        ?.version;
    }
    await promote(); // staging 1.1.0 → 1.2.0

    // The form offers the earlier versions, newest first, with when and by which commit each was deployed.
    const staging = (await offered(slipway)).staging;
    expect(staging.allowed).toBe(true);
    expect(staging.parameters.properties.version).toMatchObject({
      default: '1.1.0',
      oneOf: [
        {
          const: '1.1.0',
          title: expect.stringMatching(
            /^1\.1\.0 — deployed \d{4}-\d\d-\d\d \d\d:\d\d UTC by Alice Andersen \(commit [0-9a-f]{7}: Promote checkout to staging: 1\.1\.0\)$/,
          ),
        },
        {
          const: '1.0.0',
          title: expect.stringMatching(
            /^1\.0\.0 — deployed .* by Tester \(commit [0-9a-f]{7}: Add checkout\)$/,
          ),
        },
      ],
    });

    const before = repo.head();
    const res = await slipway.post('alice', request('rollback', 'staging'));
    expect(res.status).toBe(201);
    expect(res.body.parameters).toEqual({
      version: '1.1.0',
      previousVersion: '1.2.0',
      deployedAt: expect.any(String),
      deployedBy: expect.stringMatching(
        /^[0-9a-f]{7} Promote checkout to staging: 1\.1\.0 \(Alice Andersen\)$/,
      ),
    });
    const run = await slipway.finished('alice', res.body.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      result: {
        summary: expect.stringMatching(
          /^Rolled back staging to 1\.1\.0 \(from 1\.2\.0\), committed [0-9a-f]{12}$/,
        ),
      },
    });
    expect(repo.inspect('log', '-1', '--format=%an <%ae>|%s')).toBe(
      'Alice Andersen <alice@acme.example>|Roll back checkout in staging to 1.1.0 (from 1.2.0)\n',
    );
    expect(
      repo
        .inspect('diff', `${before}..main`, '--unified=0')
        .split('\n')
        .filter(l => /^[-+] /.test(l)),
    ).toEqual([
      '-    staging: { version: "1.2.0" }',
      '+    staging: { version: "1.1.0" }',
    ]);
    // The Platform tab shows the version at once; and what was rolled back from is now an earlier version.
    const environments = await slipway.get(
      'alice',
      '/applications/default/checkout/environments',
    );
    expect(
      environments.body.environments.map((e: any) => e.desired?.version),
    ).toEqual(['1.2.0', '1.1.0', '0.9.0']);
    expect(
      (await offered(slipway)).staging.parameters.properties.version.oneOf.map(
        (o: any) => o.const,
      ),
    ).toEqual(['1.2.0', '1.0.0']);
    expect(
      auditEvents.filter(e => e.eventId === 'slipway-run-request').at(-1),
    ).toMatchObject({ outcome: 'success' });
  });

  it('goes back to an older version when asked for one', async () => {
    repo.commit(manifest({ dev: '1.2.0', staging: '1.1.0', prod: '0.9.0' }));
    repo.commit(manifest({ dev: '1.3.0', staging: '1.2.0', prod: '0.9.0' }));
    const slipway = await start();
    const res = await slipway.post(
      'alice',
      request('rollback', 'staging', { version: '1.0.0' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.parameters).toMatchObject({
      version: '1.0.0',
      previousVersion: '1.2.0',
      deployedBy: expect.stringMatching(/ Add checkout \(Tester\)$/),
    });
    expect(await slipway.finished('alice', res.body.id)).toMatchObject({
      status: 'succeeded',
    });
    expect(declared('staging')).toBe('1.0.0');
    expect(declared('dev')).toBe('1.3.0');
  });

  it('is refused, with the reason, where the environment never ran another version', async () => {
    const slipway = await start();
    const staging = (await offered(slipway)).staging;
    expect(staging).toMatchObject({
      allowed: false,
      reason:
        'checkout title has run only 1.0.0 in Staging: there is no earlier version to go back to.',
      detail:
        'No earlier commit of apps/checkout.yaml in the GitOps repository declares another spec.environments.staging.version.',
    });
    const before = repo.head();
    const run = await slipway.post('alice', request('rollback', 'staging'));
    // The API adds the technical detail, which the button keeps one click away.
    const message = `${staging.reason} (${staging.detail})`;
    expect(run.status).toBe(400);
    expect(run.body.error.message).toBe(message);
    const preview = await slipway.preview('alice', {
      action: 'rollback',
      entityRef: 'component:default/checkout',
      environment: 'staging',
    });
    expect(preview.status).toBe(400);
    expect(preview.body.error.message).toBe(message);
    expect(repo.head()).toBe(before);
  });

  it('previews the diff and changes nothing', async () => {
    repo.commit(manifest({ dev: '1.1.0', staging: '1.1.0', prod: '0.9.0' }));
    const slipway = await start();
    const before = repo.head();
    const res = await slipway.preview('alice', {
      action: 'rollback',
      entityRef: 'component:default/checkout',
      environment: 'staging',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'rollback',
      environment: 'staging',
      parameters: { version: '1.0.0', previousVersion: '1.1.0' },
      summary:
        'Staging would go back to 1.0.0 (from 1.1.0): apps/checkout.yaml changes in the GitOps repository',
      output: { status: 'dry-run' },
    });
    expect(res.body.output.diff).toContain(
      '-    staging: { version: "1.1.0" }',
    );
    expect(res.body.output.diff).toContain(
      '+    staging: { version: "1.0.0" }',
    );
    expect(repo.head()).toBe(before);
    const runs = await slipway.get(
      'alice',
      '/runs?entityRef=component:default/checkout',
    );
    expect(runs.body.items).toEqual([]);
  });

  it('fails, changing nothing, when the environment moved on while the run waited', async () => {
    repo.commit(manifest({ dev: '1.1.0', staging: '1.0.0', prod: '0.9.5' }));
    const slipway = await start();
    const res = await slipway.post('alice', request('rollback', 'prod'));
    expect(res.body.status).toBe('awaiting-approval');
    // Someone promotes production by hand while the rollback waits for its approval.
    repo.commit(manifest({ dev: '1.1.0', staging: '1.0.0', prod: '1.0.0' }));
    const before = repo.head();
    expect((await slipway.approve('dave', res.body.id)).status).toBe(200);
    const run = await slipway.finished('alice', res.body.id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain(
      'prod declares 1.0.0 now, not the 0.9.5 this rollback was asked to replace, so nothing was changed',
    );
    expect(repo.head()).toBe(before);
  });

  describe('who may roll back where', () => {
    beforeEach(() => {
      repo.commit(
        manifest({ dev: '1.2.0', staging: '1.0.0', prod: '0.9.5' }),
        'Deploy 1.2.0 and 0.9.5',
      );
    });

    const refused = (environment: string) => ({
      allowed: false,
      status: 403,
      message: expect.stringContaining(
        `You may not run Rollback on checkout title in ${environment}`,
      ),
      declares: environment === 'dev' ? '1.2.0' : '0.9.5',
    });
    // Production waits for a second person: nothing is written until then.
    const waits = {
      allowed: true,
      status: 201,
      run: 'awaiting-approval',
      declares: '0.9.5',
    };
    const done = {
      allowed: true,
      status: 201,
      run: 'succeeded',
      declares: '1.1.0',
    };

    it.each([
      ['alice', 'dev', done],
      ['alice', 'prod', waits],
      ['bob', 'dev', refused('dev')],
      ['bob', 'prod', refused('prod')],
      ['carol', 'dev', done],
      ['carol', 'prod', waits],
    ])('%s in %s', async (user, environment, expected) => {
      const slipway = await start();
      const offer = (await offered(slipway, user))[environment];
      const res = await slipway.post(user, request('rollback', environment));
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
        declares: declared(environment),
      }).toEqual(expected);
    });
  });
});
