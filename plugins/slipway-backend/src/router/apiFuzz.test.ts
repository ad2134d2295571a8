import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { mockCredentials } from '@backstage/backend-test-utils';
// The fuzz runs both plugins in one backend, as the demo app does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import auditLogPlugin from '@slipway/backstage-plugin-audit-log-backend';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parse } from 'yaml';
import { spec as slipwaySpec } from '../schema/openapi.generated';
import { FuzzRequest, fuzzOperations } from '../__testUtils__/openApiFuzz';
import { startSlipwayBackend } from '../__testUtils__/testBackend';

/**
 * A property-based fuzz over every route of Slipway's backend, the audit log and the catalog module's manifest report:
 * generated requests (see openApiFuzz.ts) from people who may not act, from services, and without or with forged
 * credentials. None may be answered with a 5xx; every refusal says what is wrong; nothing may happen.
 *
 * The seed is fixed so that CI is deterministic; `SLIPWAY_FUZZ_SEED=random` (or a number) and `SLIPWAY_FUZZ_RUNS`
 * explore further.
 */

jest.setTimeout(600_000);

const TOTAL_REQUESTS = Number(process.env.SLIPWAY_FUZZ_RUNS ?? 10_000);
const SEED =
  process.env.SLIPWAY_FUZZ_SEED === 'random'
    ? Date.now() % 2 ** 31
    : Number(process.env.SLIPWAY_FUZZ_SEED ?? 20261203);

/** The audit log's API as its package ships it. */
const auditLogSpec = parse(
  readFileSync(
    resolvePackagePath(
      '@slipway/backstage-plugin-audit-log-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

const pathSamples = {
  namespace: ['default', 'Default', 'other'],
  name: ['checkout', 'shop', 'payments', 'storefront', 'nope'],
  id: ['00000000-0000-4000-8000-000000000000', '1', 'not-a-uuid'],
  seq: ['1', '0', '-1', '2147483648', 'abc'],
};

const operations = [
  ...fuzzOperations(slipwaySpec, '/api/slipway', pathSamples),
  ...fuzzOperations(auditLogSpec, '/api/audit-log', pathSamples),
  ...fuzzOperations(
    {
      paths: {
        '/slipway/manifest-report': {
          get: { parameters: [{ name: 'location', in: 'query' }] },
        },
      },
    },
    '/api/catalog',
  ),
];

/** Nobody here may run, approve, cancel or copy anything. */
const callers = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constant(mockCredentials.user.header('user:default/nobody')),
  },
  { weight: 3, arbitrary: fc.constant(mockCredentials.service.header()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      mockCredentials.user.invalidHeader(),
      'Bearer not-a-token',
      undefined,
    ),
  },
);

/*
 * A connection per request: a server that refuses a request before reading its body leaves the body on a kept-alive
 * connection, where Node's own parser would answer the leftover bytes with an empty 400 that is nobody's answer.
 */
const agent = new http.Agent({ keepAlive: false });

function send(
  port: number,
  request: FuzzRequest,
  authorization: string | undefined,
): Promise<{ status: number; text: string }> {
  const { body } = request;
  let payload: string | undefined;
  if (body) {
    payload =
      'value' in body ? JSON.stringify(body.value) ?? 'null' : body.text;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        port,
        host: '127.0.0.1',
        method: request.method.toUpperCase(),
        path: request.url,
        headers: {
          ...(authorization && { authorization }),
          // With a length, as browsers and HTTP libraries send a body (Node refuses a chunked DELETE outright).
          ...(payload !== undefined && {
            'content-type':
              body && 'value' in body ? 'application/json' : body?.type,
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('fuzzing every route', () => {
  it(`answers ${TOTAL_REQUESTS} generated requests without a 5xx, a silent refusal or a side effect`, async () => {
    const executed: unknown[] = [];
    const backend = await startSlipwayBackend({
      catalog: 'real',
      features: [auditLogPlugin],
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async context => {
            executed.push(context);
            return { summary: 'restarted' };
          },
        },
      ],
    });
    const port = (backend.server.address() as AddressInfo).port;
    const commitBefore = backend.gitops.head();
    const statuses = new Map<number, number>();
    const runsPerOperation = Math.ceil(TOTAL_REQUESTS / operations.length);

    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(operation.requests, callers, async (request, auth) => {
          const { status, text } = await send(port, request, auth);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const where = `${request.method.toUpperCase()} ${
            request.url
          } → ${status} ${text.slice(0, 300)}`;
          if (status >= 500) throw new Error(`5xx: ${where}`);
          if (status >= 400) {
            let message: unknown;
            try {
              message = JSON.parse(text).error?.message;
            } catch {
              message = undefined;
            }
            if (typeof message !== 'string' || message.length === 0) {
              throw new Error(`a refusal without a reason: ${where}`);
            }
          }
          if (/\n\s+at .+:\d+:\d+/.test(text)) {
            throw new Error(`a stack trace in the answer: ${where}`);
          }
        }),
        { numRuns: runsPerOperation, seed: SEED, endOnFailure: true },
      );
    }

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    // eslint-disable-next-line no-console
    console.log(
      `fuzz: ${total} requests over ${
        operations.length
      } operations, seed ${SEED}; statuses ${JSON.stringify(
        Object.fromEntries(statuses),
      )}`,
    );
    expect(total).toBeGreaterThanOrEqual(TOTAL_REQUESTS);

    // Nothing happened: no execution, no run, no database copy, no commit, and the audit chain is intact.
    expect(executed).toEqual([]);
    for (const app of ['checkout', 'shop']) {
      const runs = await backend.get(
        'carol',
        `/runs?entityRef=component:default/${app}`,
      );
      expect(runs.status).toBe(200);
      expect(runs.body.items).toEqual([]);
      const copies = await backend.get(
        'carol',
        `/applications/default/${app}/database-copies`,
      );
      expect(copies.body.items).toEqual([]);
    }
    expect(backend.gitops.head()).toBe(commitBefore);
    const verification = await send(
      port,
      { method: 'post', url: '/api/audit-log/verification' },
      mockCredentials.user.header('user:default/carol'),
    );
    expect(JSON.parse(verification.text)).toMatchObject({ ok: true });
    agent.destroy();
  });
});
