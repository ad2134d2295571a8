import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import { applicationEntity } from '../../__testUtils__/entities';
import { key, startSlipwayBackend } from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

/** Each asks for a pause or resume of checkout in dev (which runs) wrongly in one way. */
const bad: Array<[string, Record<string, unknown>, RegExp]> = [
  [
    'a resume of what runs',
    { action: 'resume' },
    /^dev is not paused: there is nothing to resume\.$/,
  ],
  [
    'a pause of production',
    { environment: 'prod' },
    /^Slipway never pauses prod: it is a production environment\./,
  ],
  [
    'reason as a number',
    { parameters: { reason: 42 } },
    /^Invalid parameters of pause: .*reason.*expected string/i,
  ],
  [
    'a reason of 10,000 characters',
    { parameters: { reason: 'x'.repeat(10_000) } },
    /^Invalid parameters of pause: .*reason/i,
  ],
  [
    'until in the past',
    { parameters: { until: '2020-01-01T00:00:00Z' } },
    /^Invalid parameters of pause: .*until.*must be in the future/i,
  ],
  [
    'until that is not a time',
    { parameters: { until: 'tomorrow' } },
    /^Invalid parameters of pause: .*until.*must be a date and time/i,
  ],
  [
    'a YAML injection as until',
    { parameters: { until: '2030-01-01T00:00:00Z"\n    prod: { replicas: 0' } },
    /^Invalid parameters of pause: .*until.*must be a date and time/i,
  ],
  [
    'replicas to remember, sent as a request',
    { parameters: { replicas: 5 } },
    /^Invalid parameters of pause: .*replicas/i,
  ],
  [
    "resume's keepAwakeHours on a pause",
    { parameters: { keepAwakeHours: 3 } },
    /^Invalid parameters of pause: .*keepAwakeHours/i,
  ],
  [
    'keepAwakeHours of a week',
    { action: 'resume', parameters: { keepAwakeHours: 168 } },
    /^Invalid parameters of resume: .*keepAwakeHours/i,
  ],
  [
    'keepAwakeHours as a fraction',
    { action: 'resume', parameters: { keepAwakeHours: 1.5 } },
    /^Invalid parameters of resume: .*keepAwakeHours.*whole number/i,
  ],
  [
    'dryRun as text',
    { parameters: { dryRun: 'yes' } },
    /^Invalid parameters of pause: .*dryRun.*expected boolean/i,
  ],
];

describe('pause and resume requests that are wrong', () => {
  const repo = new TestGitOps();
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;

  beforeAll(async () => {
    repo.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '1.1.0', prod: '1.0.0' },
      }),
    });
    slipway = await startSlipwayBackend({
      gitops: repo,
      entities: [applicationEntity('checkout')],
      slipway: {
        environments: [{ name: 'dev' }, { name: 'prod', production: true }].map(
          env => ({
            ...env,
            actions: {
              pause: { executor: 'gitops' },
              resume: { executor: 'gitops' },
            },
          }),
        ),
        gitops: { url: repo.remote },
      },
    });
  });
  afterAll(() => repo.remove());

  const body = (overrides: Record<string, unknown>) => ({
    action: 'pause',
    entityRef: 'component:default/checkout',
    environment: 'dev',
    ...overrides,
  });

  it.each(bad)('POST /runs with %s: 400', async (_, overrides, message) => {
    const before = repo.head();
    const res = await slipway.post('carol', {
      ...body(overrides),
      idempotencyKey: key(),
    });
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
    expect(repo.head()).toBe(before);
  });

  it('has made no run of any of them', async () => {
    const runs = await slipway.get(
      'carol',
      '/runs?entityRef=component:default/checkout',
    );
    expect(runs.body.items).toEqual([]);
  });
});
