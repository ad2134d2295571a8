import {
  serviceManifest,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import { applicationEntity } from '../../__testUtils__/entities';
import { key, startSlipwayBackend } from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

/** Each asks for a rollback of checkout in staging (which ran 1.0.0, then 1.1.0) wrongly in one way. */
const bad: Array<[string, Record<string, unknown>, RegExp]> = [
  [
    'a version staging never ran',
    { parameters: { version: '0.1.0' } },
    /^0\.1\.0 is not one of the last 5 versions checkout title ran in staging before 1\.1\.0, so Rollback cannot go back to it\. It can go back to: 1\.0\.0 \(deployed \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/,
  ],
  [
    'the version staging runs now',
    { parameters: { version: '1.1.0' } },
    /^checkout title already runs 1\.1\.0 in staging: pick a version it ran before: 1\.0\.0/,
  ],
  [
    'a version as a number',
    { parameters: { version: 1.1 } },
    /^Invalid parameters of rollback: .*version.*expected string/i,
  ],
  [
    'a version as a list',
    { parameters: { version: ['1.0.0'] } },
    /^Invalid parameters of rollback: .*version.*expected string/i,
  ],
  [
    'dryRun as text',
    { parameters: { dryRun: 'yes' } },
    /^Invalid parameters of rollback: .*dryRun.*expected boolean/i,
  ],
  [
    'a resolved parameter sent as a request',
    { parameters: { previousVersion: '9.9.9' } },
    /^Invalid parameters of rollback: .*previousVersion/i,
  ],
  [
    "promote's force",
    { parameters: { force: true } },
    /^Invalid parameters of rollback: .*force/i,
  ],
  [
    'a huge version',
    { parameters: { version: '1'.repeat(20_000) } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'a path as version',
    { parameters: { version: '../../etc/passwd' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'a manifest path as version',
    { parameters: { version: 'apps/checkout.yaml' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'a YAML injection as version',
    { parameters: { version: '1.0.0"\n    prod: { version: "6.6.6' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'a shell payload as version',
    { parameters: { version: '1.0.0; rm -rf /' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'an option as version',
    { parameters: { version: '--upload-pack=touch /tmp/x' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'an empty version',
    { parameters: { version: '' } },
    /^Invalid parameters of rollback: .*version.*must be a version/i,
  ],
  [
    'parameters as a string',
    { parameters: '1.0.0' },
    /parameters must be object/,
  ],
  [
    'a path as environment',
    { environment: 'staging/../prod' },
    /environment must match pattern/,
  ],
];

describe('rollback requests that are wrong', () => {
  const repo = new TestGitOps();
  let slipway: Awaited<ReturnType<typeof startSlipwayBackend>>;

  beforeAll(async () => {
    repo.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '1.1.0', staging: '1.0.0', prod: '0.9.0' },
      }),
    });
    repo.commit({
      'apps/checkout.yaml': serviceManifest('checkout', {
        versions: { dev: '1.1.0', staging: '1.1.0', prod: '0.9.0' },
      }),
    });
    slipway = await startSlipwayBackend({
      gitops: repo,
      entities: [applicationEntity('checkout')],
      slipway: {
        environments: ['dev', 'staging', 'prod'].map(name => ({
          name,
          actions: { rollback: { executor: 'gitops' } },
        })),
        gitops: { url: repo.remote },
      },
    });
  });
  afterAll(() => repo.remove());

  const body = (overrides: Record<string, unknown>) => ({
    action: 'rollback',
    entityRef: 'component:default/checkout',
    environment: 'staging',
    ...overrides,
  });

  it.each(bad)('POST /runs with %s: 400', async (_, overrides, message) => {
    const before = repo.head();
    const res = await slipway.post('alice', {
      ...body(overrides),
      idempotencyKey: key(),
    });
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
    expect(repo.head()).toBe(before);
  });

  it.each(bad)('POST /previews with %s: 400', async (_, overrides, message) => {
    const res = await slipway.preview('alice', body(overrides));
    expect({ status: res.status, message: res.body.error?.message }).toEqual({
      status: 400,
      message: expect.stringMatching(message),
    });
  });

  it('has made no run of any of them', async () => {
    const runs = await slipway.get(
      'alice',
      '/runs?entityRef=component:default/checkout',
    );
    expect(runs.body.items).toEqual([]);
  });
});
