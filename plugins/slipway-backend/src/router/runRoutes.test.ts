import { ActionExecutor } from '@slipway/backstage-plugin-slipway-node';
import { key, startSlipwayBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

describe('runs are seen only by those who may see their application', () => {
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    execute: async () => ({ summary: 'restarted' }),
  };

  it("does not show Bob Alice's runs of an application the catalog hides from him", async () => {
    const slipway = await startSlipwayBackend({
      executors: [executor],
      hiddenFrom: { 'user:default/bob': ['component:default/checkout'] },
    });
    const requested = await slipway.post('alice', {
      action: 'restart',
      entityRef: 'component:default/checkout',
      environment: 'dev',
      parameters: { reason: 'stuck' },
      idempotencyKey: key(),
    });
    expect(requested.status).toBe(201);
    const { id } = requested.body;

    const asBob = await slipway.get(
      'bob',
      '/runs?requester=user:default/alice',
    );
    expect(asBob.status).toBe(200);
    expect(asBob.body.items).toEqual([]);
    expect((await slipway.get('bob', `/runs/${id}`)).status).toBe(404);
    expect(
      (await slipway.get('bob', '/runs?entityRef=component:default/checkout'))
        .status,
    ).toBe(404);

    // Carol may see checkout, and so sees the run.
    const asCarol = await slipway.get(
      'carol',
      '/runs?requester=user:default/alice',
    );
    expect(asCarol.body.items.map((r: any) => r.id)).toEqual([id]);
  });
});
