import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ActionExecutor } from '@slipway/backstage-plugin-slipway-node';
import request from 'supertest';
import { key, startSlipwayBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

/**
 * The registry actions through the real actions registry service, over HTTP as an MCP server or the scaffolder calls
 * them: the engine behind them is the REST API's, so its decisions show here too.
 */
describe('Slipway in the actions registry', () => {
  const executed: string[] = [];
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    execute: async ctx => {
      executed.push(ctx.run.id);
      ctx.log.info('restarting checkout');
      return { summary: 'restarted' };
    },
  };
  beforeEach(() => {
    executed.length = 0;
  });
  const start = () =>
    startSlipwayBackend({
      executors: [executor],
      features: [actionsRegistryServiceFactory],
      slipway: {
        environments: [
          { name: 'dev', actions: { restart: { executor: 'test' } } },
          {
            name: 'prod',
            production: true,
            actions: { restart: { executor: 'test' } },
          },
        ],
      },
    });
  const invoke = (
    server: any,
    id: string,
    input: object,
    authorization = mockCredentials.user.header('user:default/alice'),
  ) =>
    request(server)
      .post(`/api/slipway/.backstage/actions/v1/actions/${id}/invoke`)
      .set('Authorization', authorization)
      .send(input);

  it('lists the actions with their schemas, and what the caller may run', async () => {
    const { server } = await start();
    const list = await request(server)
      .get('/api/slipway/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(list.body.actions.map((a: any) => a.id)).toEqual([
      'slipway:list-actions',
      'slipway:run-action',
      'slipway:get-run',
    ]);
    const runAction = list.body.actions[1];
    expect(runAction.attributes).toEqual({
      destructive: true,
      idempotent: true,
      readOnly: false,
    });
    expect(runAction.schema.input.required).toEqual([
      'entityRef',
      'action',
      'environment',
    ]);

    const mine = await invoke(server, 'slipway:list-actions', {
      entityRef: 'checkout',
    });
    expect(mine.status).toBe(200);
    const restartDev = mine.body.output.actions.find(
      (a: any) => a.action === 'restart' && a.environment === 'dev',
    );
    expect(restartDev).toMatchObject({ allowed: true });
    expect(restartDev.parameters.properties.reason).toBeDefined();
    const theirs = await invoke(
      server,
      'slipway:list-actions',
      { entityRef: 'component:default/checkout' },
      mockCredentials.user.header('user:default/bob'),
    );
    expect(
      theirs.body.output.actions.find((a: any) => a.environment === 'dev'),
    ).toMatchObject({ allowed: false, reason: expect.any(String) });
  });

  it('runs an action through the engine: once per idempotency key, followed with get-run', async () => {
    const slipway = await start();
    const input = {
      entityRef: 'component:default/checkout',
      action: 'restart',
      environment: 'dev',
      parameters: { reason: 'stuck' },
      idempotencyKey: key(),
    };
    const first = await invoke(slipway.server, 'slipway:run-action', input);
    expect(first.status).toBe(200);
    expect(first.body.output).toMatchObject({ created: true });
    const again = await invoke(slipway.server, 'slipway:run-action', input);
    expect(again.body.output).toMatchObject({
      runId: first.body.output.runId,
      created: false,
    });

    await slipway.finished('alice', first.body.output.runId);
    const run = await invoke(slipway.server, 'slipway:get-run', {
      runId: first.body.output.runId,
    });
    expect(run.body.output).toMatchObject({
      status: 'succeeded',
      summary: 'restart of component:default/checkout in dev succeeded.',
      run: { requester: 'user:default/alice' },
    });
    expect(run.body.output.log.map((l: any) => l.message)).toContain(
      'restarting checkout',
    );
    expect(executed).toEqual([first.body.output.runId]);
    // The same run as the portal shows it.
    const listed = await slipway.get('alice', '/runs?requester=me');
    expect(listed.body.items.map((r: any) => r.id)).toContain(
      first.body.output.runId,
    );
  });

  it('holds a production run for approval, as the portal does', async () => {
    const { server } = await start();
    const res = await invoke(server, 'slipway:run-action', {
      entityRef: 'checkout',
      action: 'restart',
      environment: 'prod',
      parameters: { reason: 'memory leak' },
    });
    expect(res.body.output).toMatchObject({
      status: 'awaiting-approval',
      summary: expect.stringMatching(
        /^restart of component:default\/checkout in prod waits for approval by someone other than user:default\/alice until /,
      ),
    });
  });

  it('refuses what the engine refuses, with its reason', async () => {
    const { server } = await start();
    const denied = await invoke(
      server,
      'slipway:run-action',
      {
        entityRef: 'checkout',
        action: 'restart',
        environment: 'dev',
        parameters: { reason: 'x' },
      },
      mockCredentials.user.header('user:default/bob'),
    );
    expect(denied.status).toBe(403);
    const unknown = await invoke(server, 'slipway:run-action', {
      entityRef: 'checkout',
      action: 'reboot',
      environment: 'dev',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown action "reboot"/);
    const badRef = await invoke(server, 'slipway:list-actions', {
      entityRef: 'group:default/payments',
    });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/not an application reference/);
    const missing = await invoke(server, 'slipway:run-action', {
      entityRef: 'checkout',
    });
    expect(missing.status).toBe(400);
    const byService = await invoke(
      server,
      'slipway:run-action',
      {
        entityRef: 'checkout',
        action: 'restart',
        environment: 'dev',
        parameters: { reason: 'x' },
      },
      mockCredentials.service.header(),
    );
    expect(byService.status).toBe(403);
    expect(byService.body.error.message).toMatch(
      /on behalf of a signed-in person/,
    );
    expect(executed).toEqual([]);
  });
});
