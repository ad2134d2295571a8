import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { argoCdFake } from '../../__testUtils__/argoCdFake';
import { applicationEntity } from '../../__testUtils__/entities';
import { key, startSlipwayBackend } from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const ARGO = 'https://argocd.example.com';

/** Each asks for a sync of checkout in dev (Argo CD reports it OutOfSync) wrongly in one way. */
const bad: Array<[string, Record<string, unknown>, RegExp]> = [
  [
    'an unknown mode',
    { parameters: { mode: 'deploy' } },
    /^Invalid parameters of sync: .*mode/i,
  ],
  [
    'a mode as a number',
    { parameters: { mode: 1 } },
    /^Invalid parameters of sync: .*mode/i,
  ],
  [
    'a mode as a list',
    { parameters: { mode: ['sync'] } },
    /^Invalid parameters of sync: .*mode/i,
  ],
  [
    'a mode of null',
    { parameters: { mode: null } },
    /^Invalid parameters of sync: .*mode/i,
  ],
  [
    "Argo CD's prune, which Slipway never sends",
    { parameters: { prune: true } },
    /^Invalid parameters of sync: .*Unrecognized key.*prune/i,
  ],
  [
    "Argo CD's revision",
    { parameters: { revision: 'HEAD~3' } },
    /^Invalid parameters of sync: .*Unrecognized key.*revision/i,
  ],
  [
    'a resolved parameter sent as a request',
    { parameters: { reported: 'Synced, Healthy' } },
    /^Invalid parameters of sync: .*Unrecognized key.*reported/i,
  ],
  [
    "promote's dryRun",
    { parameters: { dryRun: true } },
    /^Invalid parameters of sync: .*Unrecognized key.*dryRun/i,
  ],
  [
    'a reason of 501 characters',
    { parameters: { reason: 'x'.repeat(501) } },
    /^Invalid parameters of sync: .*reason/i,
  ],
  [
    'a reason as an object',
    { parameters: { reason: { text: 'because' } } },
    /^Invalid parameters of sync: .*reason.*expected string/i,
  ],
  [
    'parameters as a string',
    { parameters: 'refresh' },
    /parameters must be object/,
  ],
  [
    'parameters as a list',
    { parameters: ['refresh'] },
    /parameters must be object/,
  ],
  [
    'a path as environment',
    { environment: 'dev/../prod' },
    /environment must match pattern/,
  ],
  [
    'an environment without Argo CD',
    { environment: 'staging' },
    /^Argo CD is not connected to this portal for staging/,
  ],
];

describe('sync requests that are wrong', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;
  let argo: ReturnType<typeof argoCdFake>;

  beforeAll(async () => {
    slipway = await startSlipwayBackend({
      entities: [
        applicationEntity('checkout', {
          environments: {
            dev: { version: '1.0.0' },
            staging: { version: '1.0.0' },
          },
        }),
      ],
      slipway: {
        environments: [
          { name: 'dev', argocd: { instance: 'main' } },
          { name: 'staging' },
        ].map(e => ({ ...e, actions: { sync: { executor: 'argocd' } } })),
        argocd: { instances: [{ name: 'main', url: ARGO, token: 't' }] },
      },
    });
  });
  beforeEach(() => {
    msw.use(http.all(/127\.0\.0\.1|localhost/, () => passthrough()));
    argo = argoCdFake(msw, {
      url: ARGO,
      token: 't',
      apps: { 'checkout-dev': { sync: 'OutOfSync', health: 'Healthy' } },
    });
  });

  it.each(bad)('POST /runs with %s: 400', async (_, overrides, message) => {
    const res = await slipway.post('alice', {
      action: 'sync',
      entityRef: 'component:default/checkout',
      environment: 'dev',
      idempotencyKey: key(),
      ...overrides,
    });
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
    expect(argo.calls.syncs).toEqual([]);
  });

  it('POST /previews of a sync: 400, as Sync has nothing to preview', async () => {
    const res = await slipway.preview('alice', {
      action: 'sync',
      entityRef: 'component:default/checkout',
      environment: 'dev',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Sync with Argo CD in dev has no preview: its executor \(argocd\) cannot show what it would do without doing it/,
    );
  });

  it('has made no run of any of them', async () => {
    const runs = await slipway.get(
      'alice',
      '/runs?entityRef=component:default/checkout',
    );
    expect(runs.body.items).toEqual([]);
  });

  it('still takes a well-formed request (so the 400s above are the errors, not the setup)', async () => {
    const res = await slipway.post('alice', {
      action: 'sync',
      entityRef: 'component:default/checkout',
      environment: 'dev',
      parameters: { mode: 'refresh', reason: 'stale view' },
      idempotencyKey: key(),
    });
    expect(res.status).toBe(201);
    expect((await slipway.finished('alice', res.body.id)).status).toBe(
      'succeeded',
    );
  });
});
