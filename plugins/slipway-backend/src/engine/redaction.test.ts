import {
  auditEvents,
  key,
  startSlipwayBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

/** Secrets of every shape a person might paste; none may be kept anywhere. */
const CANARIES = [
  'hunter2canary',
  'Pgcanary5ecret',
  'ghp_canary0123456789abcdefghijklmn',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJl',
];
const PASTED = `it hangs; password=${CANARIES[0]} and postgresql://app:${CANARIES[1]}@db.internal/checkout, token ${CANARIES[2]}, Bearer ${CANARIES[3]}`;

describe('secrets pasted into free text', () => {
  it('are redacted in the run, its log, the approval comment and the audit events', async () => {
    const slipway = await startSlipwayBackend({
      executors: [
        {
          id: 'test',
          action: 'restart',
          execute: async ctx => {
            // An executor logging what it was given (or an error quoting it) keeps nothing either.
            ctx.log.info(`restarting because: ${ctx.run.parameters.reason}`);
            return { summary: 'restarted' };
          },
        },
      ],
      slipway: {
        environments: [
          { name: 'dev', actions: { restart: { executor: 'test' } } },
          {
            name: 'prod',
            production: true,
            approval: { required: true },
            actions: { restart: { executor: 'test' } },
          },
        ],
      },
    });
    const request = (environment: string) =>
      slipway.post('alice', {
        action: 'restart',
        entityRef: 'component:default/checkout',
        environment,
        parameters: { reason: PASTED },
        idempotencyKey: key(),
      });

    const dev = await request('dev');
    expect(dev.status).toBe(201);
    expect(dev.body.parameters.reason).toBe(
      'it hangs; password=[REDACTED] and postgresql://app:[REDACTED]@db.internal/checkout, token [REDACTED], [REDACTED]',
    );
    await slipway.finished('alice', dev.body.id);
    const prod = await request('prod');
    expect(prod.status).toBe(201);
    const rejected = await slipway.reject('dave', prod.body.id, PASTED);
    expect(rejected.status).toBe(200);

    const kept = JSON.stringify([
      (await slipway.get('alice', `/runs/${dev.body.id}`)).body,
      (await slipway.get('alice', `/runs/${dev.body.id}/log`)).body,
      (await slipway.get('alice', `/runs/${prod.body.id}`)).body,
      (await slipway.get('alice', '/runs?requester=me')).body,
      auditEvents,
    ]);
    expect(kept).toContain('restarting because: it hangs; password=[REDACTED]');
    for (const canary of CANARIES) expect(kept).not.toContain(canary);
  });
});
