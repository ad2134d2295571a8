import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startSlipwayBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const run = (overrides: Record<string, unknown>) => ({
  action: 'restart',
  entityRef: 'component:default/checkout',
  environment: 'dev',
  idempotencyKey: 'a-valid-key-123',
  ...overrides,
});

/** Every request here is wrong in one way; each must get a clear 4xx and change nothing. */
const badRuns: Array<[string, unknown, number, RegExp]> = [
  ['no body', undefined, 400, /unsupported media type/i],
  ['an array body', [run({})], 400, /must be object/],
  [
    'no action',
    run({ action: undefined }),
    400,
    /must have required property 'action'/,
  ],
  [
    'no entityRef',
    run({ entityRef: undefined }),
    400,
    /must have required property 'entityRef'/,
  ],
  [
    'no environment',
    run({ environment: undefined }),
    400,
    /must have required property 'environment'/,
  ],
  [
    'no idempotency key',
    run({ idempotencyKey: undefined }),
    400,
    /must have required property 'idempotencyKey'/,
  ],
  [
    'a shell payload as action',
    run({ action: 'restart; rm -rf /' }),
    400,
    /action must match pattern/,
  ],
  [
    'an unknown action',
    run({ action: 'nuke' }),
    400,
    /Unknown action "nuke"; known actions: restart, promote/,
  ],
  [
    'a command substitution as environment',
    run({ environment: 'prod$(id)' }),
    400,
    /environment must match pattern/,
  ],
  [
    'an unknown environment',
    run({ environment: 'qa' }),
    400,
    /Unknown environment "qa"; configured: dev, prod/,
  ],
  [
    'an empty environment',
    run({ environment: '' }),
    400,
    /environment must match pattern/,
  ],
  [
    'a malformed entity ref',
    run({ entityRef: 'component:default/' }),
    400,
    /is not an entity reference/,
  ],
  [
    'a group instead of an application',
    run({ entityRef: 'group:default/payments' }),
    400,
    /Actions run on applications \(components\), not on group/,
  ],
  [
    'an application that does not exist',
    run({ entityRef: 'component:default/nope' }),
    404,
    /No application component:default\/nope in the catalog/,
  ],
  [
    'an entity ref longer than 255 characters',
    run({ entityRef: `component:default/${'a'.repeat(300)}` }),
    400,
    /must NOT have more than 255 characters/,
  ],
  [
    'a short idempotency key',
    run({ idempotencyKey: 'abc' }),
    400,
    /idempotencyKey must match pattern/,
  ],
  [
    'an idempotency key with SQL',
    run({ idempotencyKey: "x'; DROP TABLE slipway_runs; --" }),
    400,
    /idempotencyKey must match pattern/,
  ],
  [
    'parameters that are a string',
    run({ parameters: 'reason=now' }),
    400,
    /parameters must be object/,
  ],
  [
    'an unknown parameter',
    run({ parameters: { cmd: 'reboot' } }),
    400,
    /Invalid parameters of restart: parameters: Unrecognized key: "cmd"/,
  ],
  [
    'a reason too long',
    run({ parameters: { reason: 'x'.repeat(600) } }),
    400,
    /parameters\.reason: Too big/,
  ],
  [
    'a reason that is a number',
    run({ parameters: { reason: 42 } }),
    400,
    /parameters\.reason: Invalid input: expected string/,
  ],
  [
    'an unknown top-level field',
    run({ sudo: true }),
    400,
    /must NOT have additional properties/,
  ],
  [
    'an injection as promote source',
    run({
      action: 'promote',
      environment: 'prod',
      parameters: { from: 'dev; drop' },
    }),
    400,
    /parameters\.from: must be an environment name/,
  ],
  [
    'force as a string',
    run({
      action: 'promote',
      environment: 'prod',
      parameters: { force: 'yes' },
    }),
    400,
    /parameters\.force: Invalid input: expected boolean/,
  ],
  [
    'a version smuggled into promote',
    run({
      action: 'promote',
      environment: 'prod',
      parameters: { version: '1.0.0; rm -rf /' },
    }),
    400,
    /Unrecognized key: "version"/,
  ],
  [
    'dryRun as a string',
    run({
      action: 'promote',
      environment: 'prod',
      parameters: { dryRun: 'true' },
    }),
    400,
    /parameters\.dryRun: Invalid input: expected boolean/,
  ],
];

const badReads: Array<[string, 'get' | 'post', string, RegExp]> = [
  [
    'a run id that is not a UUID',
    'get',
    '/runs/not-a-uuid',
    /id must match pattern/,
  ],
  [
    'a run id with a path',
    'get',
    '/runs/..%2F..%2Fetc',
    /id must match pattern/,
  ],
  [
    'an unknown status filter',
    'get',
    '/runs?requester=me&status=bogus',
    /Unknown status bogus/,
  ],
  [
    'a status filter with SQL',
    'get',
    "/runs?requester=me&status=failed'--",
    /status must match pattern/,
  ],
  [
    'a page too large',
    'get',
    '/runs?requester=me&limit=1000',
    /limit must be <= 100/,
  ],
  [
    'a cursor that is not one',
    'get',
    '/runs?requester=me&cursor=abc',
    /The cursor is not valid/,
  ],
  [
    'a cursor with a forged id',
    'get',
    `/runs?requester=me&cursor=${Buffer.from("1|x' OR 1=1").toString(
      'base64url',
    )}`,
    /The cursor is not valid/,
  ],
  [
    'no filter',
    'get',
    '/runs',
    /List runs of an application \(entityRef\) or of a person/,
  ],
  [
    'a negative log position',
    'get',
    '/runs/00000000-0000-4000-8000-000000000001/log?after=-1',
    /after must be >= 0/,
  ],
  [
    'a cursor with markup',
    'get',
    '/runs?requester=me&cursor=%3Cscript%3E',
    /cursor must match pattern/,
  ],
  [
    'cancelling a run id that is not a UUID',
    'post',
    '/runs/x/cancel',
    /id must match pattern/,
  ],
  [
    'an unknown run',
    'get',
    '/runs/00000000-0000-4000-8000-000000000001',
    /No run 00000000-0000-4000-8000-000000000001/,
  ],
];

describe('bad input', () => {
  it('is refused with a clear message, never a 5xx, and changes nothing', async () => {
    const executed: string[] = [];
    const slipway = await startSlipwayBackend({
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async ctx => {
            executed.push(ctx.run.id);
            return { summary: 'x' };
          },
        },
      ],
    });
    const failures: string[] = [];
    for (const [name, body, status, message] of badRuns) {
      const req = request(slipway.server)
        .post('/api/slipway/runs')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      const res =
        body === undefined ? await req : await req.send(body as object);
      if (
        res.status !== status ||
        !message.test(res.body?.error?.message ?? '')
      ) {
        failures.push(`${name}: ${res.status} ${res.body?.error?.message}`);
      }
    }
    for (const [name, method, path, message] of badReads) {
      const res = await request(slipway.server)
        [method](`/api/slipway${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      if (
        res.status >= 500 ||
        res.status < 400 ||
        !message.test(res.body?.error?.message ?? '')
      ) {
        failures.push(`${name}: ${res.status} ${res.body?.error?.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(badRuns.length + badReads.length).toBeGreaterThanOrEqual(25);
    const mine = await slipway.get('alice', '/runs?requester=me');
    expect(mine.body.items).toEqual([]);
    expect(executed).toEqual([]);
  });
});
