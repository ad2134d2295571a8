import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ActionExecutionContext,
  ActionExecutor,
} from '@slipway/backstage-plugin-slipway-node';
import { key, startSlipwayBackend } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

/** A restart executor that records what it did and, when told to, waits to be released. */
function testExecutor() {
  const executed: string[] = [];
  let gate: Promise<void> | undefined;
  let open = () => {};
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    async execute(ctx: ActionExecutionContext) {
      executed.push(ctx.run.id);
      ctx.log.info(
        `restarting ${ctx.entity.metadata.name} in ${ctx.templateContext.env.name}`,
      );
      if (ctx.run.parameters.reason === 'hang') await new Promise(() => {});
      if (ctx.run.parameters.reason === 'fail')
        throw new Error('the workload did not come back');
      if (gate) await gate;
      return {
        summary: `restarted ${ctx.entity.metadata.name}`,
        links: [{ title: 'Logs', url: 'https://logs.example.com/x' }],
      };
    },
  };
  return {
    executor,
    executed,
    hold() {
      gate = new Promise(resolve => {
        open = resolve;
      });
    },
    release() {
      open();
      gate = undefined;
    },
  };
}

const restart = (
  app: string,
  environment: string,
  parameters: object = {},
) => ({
  action: 'restart',
  entityRef: `component:default/${app}`,
  environment,
  parameters,
  idempotencyKey: key(),
});

describe('action engine', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('decides by owner, environment and platform admins, and says why not', async () => {
      const test = testExecutor();
      const slipway = await startSlipwayBackend({
        knex: await databases.init(databaseId),
        executors: [test.executor],
      });
      const matrix: Array<[string, string, number]> = [
        ['alice', 'dev', 201],
        ['alice', 'prod', 201],
        ['bob', 'dev', 403],
        ['bob', 'prod', 403],
        ['carol', 'dev', 201],
        ['carol', 'prod', 201],
      ];
      for (const [user, environment, status] of matrix) {
        const res = await slipway.post(user, restart('checkout', environment));
        expect([user, environment, res.status]).toEqual([
          user,
          environment,
          status,
        ]);
        if (res.status === 201) await slipway.finished(user, res.body.id);
      }
      const denied = await slipway.post('bob', restart('checkout', 'dev'));
      expect(denied.body.error.message).toBe(
        'You may not run Restart on checkout title in dev: it belongs to payments, and you are not part of it. (The permission policy does not let user:default/bob restart component:default/checkout in dev (permission slipway.action.execute). It is owned by group:default/payments; you act for user:default/bob, group:default/storefront.)',
      );
      // The buttons: the same answers, in one call.
      const buttons = await slipway.get(
        'bob',
        '/applications/default/checkout/actions',
      );
      expect(
        buttons.body.actions.find(
          (a: any) => a.action === 'restart' && a.environment === 'dev',
        ),
      ).toMatchObject({
        allowed: false,
        reason:
          'You may not run Restart on checkout title in dev: it belongs to payments, and you are not part of it.',
        detail: expect.stringContaining(
          'It is owned by group:default/payments',
        ),
        confirm: false,
      });
      const mine = await slipway.get(
        'alice',
        '/applications/default/checkout/actions',
      );
      expect(
        mine.body.actions
          .filter((a: any) => a.action === 'restart')
          .map((a: any) => [a.environment, a.allowed, a.confirm]),
      ).toEqual([
        ['dev', true, false],
        ['prod', true, true],
      ]);
      expect(test.executed).toHaveLength(4);
    });

    it('runs once for concurrent identical requests, and returns the same run to each', async () => {
      const test = testExecutor();
      const slipway = await startSlipwayBackend({
        knex: await databases.init(databaseId),
        executors: [test.executor],
      });
      const body = restart('checkout', 'dev');
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => slipway.post('alice', body)),
      );
      expect(new Set(responses.map(r => r.body.id)).size).toBe(1);
      expect(responses.map(r => r.status).sort()).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
      ]);
      const run = await slipway.finished('alice', responses[0].body.id);
      expect(run).toMatchObject({
        status: 'succeeded',
        result: { summary: 'restarted checkout' },
      });
      expect(test.executed).toEqual([run.id]);
      // The same key for another request is a mistake, said plainly.
      const reused = await slipway.post('alice', {
        ...body,
        environment: 'prod',
      });
      expect(reused.status).toBe(409);
      expect(reused.body.error.message).toMatch(
        /^Idempotency key already used for another request/,
      );
    });

    it('allows one mutating run per application and environment, naming the run in the way', async () => {
      const test = testExecutor();
      test.hold();
      const slipway = await startSlipwayBackend({
        knex: await databases.init(databaseId),
        executors: [test.executor],
      });
      const first = await slipway.post('alice', restart('checkout', 'dev'));
      expect(first.status).toBe(201);
      const second = await slipway.post('carol', restart('checkout', 'dev'));
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(
        new RegExp(
          `^dev of checkout title is busy: a restart that alice requested (just now|\\d+ minutes? ago) is (pending|running)\\. Try again when it has finished, or open that run to follow or cancel it \\(run ${first.body.id}\\)\\.$`,
        ),
      );
      // Other environments and applications are not blocked.
      expect(
        (await slipway.post('alice', restart('checkout', 'prod'))).status,
      ).toBe(201);
      expect((await slipway.post('carol', restart('shop', 'dev'))).status).toBe(
        201,
      );
      test.release();
      await slipway.finished('alice', first.body.id);
      expect(
        (await slipway.post('carol', restart('checkout', 'dev'))).status,
      ).toBe(201);
    });

    it('finishes every run: failure, time limit, cancel', async () => {
      const test = testExecutor();
      const slipway = await startSlipwayBackend({
        knex: await databases.init(databaseId),
        executors: [test.executor],
      });
      const failed = await slipway.post(
        'alice',
        restart('checkout', 'dev', { reason: 'fail' }),
      );
      expect(await slipway.finished('alice', failed.body.id)).toMatchObject({
        status: 'failed',
        error: 'the workload did not come back',
      });
      const hung = await slipway.post(
        'alice',
        restart('checkout', 'prod', { reason: 'hang' }),
      );
      expect(await slipway.finished('alice', hung.body.id)).toMatchObject({
        status: 'failed',
        error: 'Stopped after the time limit of 2 s',
      });

      test.hold();
      const running = await slipway.post('alice', restart('checkout', 'dev'));
      while (
        (await slipway.get('alice', `/runs/${running.body.id}`)).body.status !==
        'running'
      )
        await new Promise(r => setTimeout(r, 20));
      const cancel = await slipway.get('bob', `/runs/${running.body.id}`);
      expect(cancel.status).toBe(200);
      const refused = await slipway.cancel('bob', running.body.id);
      expect(refused.status).toBe(403);
      // In words: who asked, the application and environment by their titles; the run id last.
      expect(refused.body.error.message).toBe(
        `Only alice, who asked for this run, or someone allowed to restart checkout title in dev may cancel it (run ${running.body.id})`,
      );
      const cancelled = await slipway.cancel('alice', running.body.id);
      expect(cancelled.status).toBe(200);
      expect(await slipway.finished('alice', running.body.id)).toMatchObject({
        status: 'cancelled',
        error: expect.stringMatching(
          /^Cancelled on request: .* is not undone$/,
        ),
      });
      test.release();

      const log = await slipway.get('alice', `/runs/${failed.body.id}/log`);
      expect(log.body.lines.map((l: any) => l.message)).toEqual([
        'Restart of component:default/checkout in dev started (attempt 1, executor test)',
        'restarting checkout in dev',
        'the workload did not come back',
      ]);
      const history = await slipway.get(
        'alice',
        '/runs?entityRef=component:default/checkout&limit=2',
      );
      expect(history.body.items).toHaveLength(2);
      expect(history.body.nextCursor).toBeDefined();
      const mine = await slipway.get(
        'alice',
        '/runs?requester=me&status=failed',
      );
      expect(mine.body.items.map((r: any) => r.id).sort()).toEqual(
        [failed.body.id, hung.body.id].sort(),
      );
    });
  });
});
