import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { delay, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { argoCdFake, FakeSyncOutcome } from '../../__testUtils__/argoCdFake';
import { executionContext } from '../../__testUtils__/executionContext';
import { EnvironmentStatusService } from '../../status/EnvironmentStatusService';
import { ArgoCdSyncExecutor, RUN_INFO } from './ArgoCdSyncExecutor';

const ARGO = 'https://argocd.example.com';
const TOKEN = 'argo-token-canary';
const RUN_ID = '11111111-2222-4333-8444-555555555555';

describe('ArgoCdSyncExecutor', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);

  /** The executor on checkout in prod (Argo CD application checkout-prod), and a fake Argo CD that holds it. */
  function setup(
    options: {
      outcome?: FakeSyncOutcome;
      respond?: Parameters<typeof argoCdFake>[1]['respond'];
      parameters?: JsonObject;
      settings?: JsonObject;
      attempt?: number;
      checkpoints?: Record<string, null>;
    } = {},
  ) {
    const argo = argoCdFake(msw, {
      url: ARGO,
      token: TOKEN,
      apps: { 'checkout-prod': { sync: 'OutOfSync', health: 'Degraded' } },
      outcome: options.outcome,
      respond: options.respond,
    });
    const context = executionContext({
      action: 'sync',
      parameters: options.parameters ?? { mode: 'sync' },
      settings: { pollSeconds: 0.01, ...options.settings },
      attempt: options.attempt,
      checkpoints: options.checkpoints,
      environment: { argocd: { instance: 'main' } },
      slipway: {
        argocd: {
          instances: [{ name: 'main', url: ARGO, token: TOKEN }],
          timeoutMs: 300,
        },
      },
    });
    const executor = new ArgoCdSyncExecutor(
      new EnvironmentStatusService(context.config),
    );
    return { ...context, argo, executor };
  }

  /** The run's error, checked never to show the token. */
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => {
        throw new Error('the run succeeded');
      },
      e => e as Error,
    );
    expect(error.message).not.toContain(TOKEN);
    return error.message;
  };

  it('asks for one sync, without pruning and tagged with the run, and follows it from Running to Succeeded', async () => {
    const { executor, ctx, argo, lines } = setup();
    const outcome = await executor.execute(ctx as any);
    expect(argo.calls.syncs).toEqual([
      {
        name: 'checkout-prod',
        body: {
          prune: false,
          infos: [
            { name: RUN_INFO, value: RUN_ID },
            { name: 'Requested by', value: 'user:default/alice' },
          ],
        },
      },
    ]);
    expect(outcome).toEqual({
      summary:
        'Argo CD synced checkout-prod to abc123def456; it reports Synced and Healthy',
      links: [{ title: 'Argo CD', url: `${ARGO}/applications/checkout-prod` }],
      output: {
        phase: 'Succeeded',
        revision: 'abc123def4567890',
        sync: 'Synced',
        health: 'Healthy',
      },
    });
    expect(lines).toEqual([
      'info: Argo CD reports checkout-prod OutOfSync and Degraded; asking it to sync',
      'info: Argo CD accepted the sync',
      'info: Sync Running: waiting for healthy state of apps/Deployment/checkout (1 of 2 resources synced)',
      'info: Sync Succeeded: successfully synced (all tasks run) (2 of 2 resources synced)',
    ]);
  });

  it("fails with Argo CD's message and the resource that failed when the sync fails", async () => {
    const { executor, ctx } = setup({
      outcome: {
        phases: ['Running', 'Failed'],
        message: 'one or more objects failed to apply',
        failedResources: [
          {
            kind: 'Deployment',
            name: 'checkout',
            message:
              'Deployment.apps "checkout" is invalid: spec.template.spec.containers[0].image: Required value',
          },
        ],
      },
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      "Argo CD's sync of checkout-prod ended Failed: one or more objects failed to apply (1 of 2 resources synced); " +
        'Deployment checkout/checkout: Deployment.apps "checkout" is invalid: spec.template.spec.containers[0].image: Required value',
    );
  });

  it('fails when the operation ends in Error', async () => {
    const { executor, ctx } = setup({
      outcome: {
        phases: ['Error'],
        message: 'ComparisonError: rpc error: repository not accessible',
      },
    });
    expect(await failure(executor.execute(ctx as any))).toMatch(
      /^Argo CD's sync of checkout-prod ended Error: ComparisonError: rpc error: repository not accessible/,
    );
  });

  it('says that the token lacks "applications, sync" when Argo CD refuses the sync with 403', async () => {
    const { executor, ctx, argo } = setup({
      respond: {
        sync: () =>
          HttpResponse.json(
            {
              error: 'permission denied',
              code: 7,
              message: 'permission denied',
            },
            { status: 403 },
          ),
      },
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      'Argo CD (main) refused to sync "checkout-prod" (HTTP 403: permission denied): the token of slipway.argocd.instances "main" may read this application but not sync it; its role needs the RBAC permission "applications, sync"',
    );
    expect(argo.calls.syncs).toEqual([]);
  });

  it('says that Argo CD refused the token (401)', async () => {
    const { executor, ctx } = setup({
      respond: {
        get: () =>
          HttpResponse.json(
            { error: 'invalid session: token is expired', code: 16 },
            { status: 401 },
          ),
      },
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      'Argo CD (main) refused the token (HTTP 401); check slipway.argocd.instances',
    );
  });

  it('says when Argo CD is unreachable', async () => {
    const { executor, ctx } = setup({
      respond: { get: () => HttpResponse.error() },
    });
    expect(await failure(executor.execute(ctx as any))).toMatch(
      /^Argo CD \(main\) is unreachable: /,
    );
  });

  it('says when Argo CD does not answer the sync in time', async () => {
    const { executor, ctx } = setup({
      respond: {
        sync: async () => {
          await delay(2000);
          return HttpResponse.json({});
        },
      },
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      'Argo CD (main) did not answer within 300 ms',
    );
  });

  it('stops waiting after waitSeconds, saying that the sync goes on in Argo CD', async () => {
    const { executor, ctx } = setup({
      outcome: { phases: Array(1000).fill('Running') },
      settings: { waitSeconds: 1 },
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      `Argo CD's sync of checkout-prod had not finished after 1 s (last: Sync Running: waiting for healthy state of apps/Deployment/checkout (1 of 2 resources synced)). It goes on in Argo CD; follow it there: ${ARGO}/applications/checkout-prod`,
    );
  });

  it('stops following when the run is cancelled', async () => {
    const { executor, ctx, controller } = setup({
      outcome: { phases: Array(1000).fill('Running') },
    });
    const run = executor.execute(ctx as any);
    setTimeout(() => controller.abort(new Error('Cancelled by alice')), 100);
    expect(await failure(run)).toBe('Cancelled by alice');
  });

  describe('resumed after a crash', () => {
    it('follows the sync it had asked for instead of asking again, while Argo CD runs it', async () => {
      const { executor, ctx, argo, lines } = setup({ attempt: 2 });
      // The first attempt's POST went through; the backend died before its checkpoint was stored.
      Object.assign(argo.app('checkout-prod'), {
        operationState: {
          operation: { info: [{ name: RUN_INFO, value: RUN_ID }] },
          phase: 'Running',
          message: 'waiting for healthy state of apps/Deployment/checkout',
          syncResult: { revision: 'abc123def4567890', resources: [] },
        },
        phases: ['Running', 'Succeeded'],
      });
      const outcome = await executor.execute(ctx as any);
      expect(argo.calls.syncs).toEqual([]);
      expect(outcome.summary).toMatch(/^Argo CD synced checkout-prod/);
      expect(lines[0]).toBe(
        'info: Argo CD already has the sync this run asked for before it was resumed; following it instead of asking again',
      );
    });

    it('does not ask again while Argo CD has not yet taken the sync up', async () => {
      const { executor, ctx, argo } = setup({ attempt: 2 });
      argo.app('checkout-prod').operation = {
        info: [{ name: RUN_INFO, value: RUN_ID }],
      };
      await executor.execute(ctx as any);
      expect(argo.calls.syncs).toEqual([]);
    });

    it('does not look again once the request is checkpointed', async () => {
      const { executor, ctx, argo, lines } = setup({
        attempt: 2,
        checkpoints: { 'sync-requested': null },
      });
      argo.app('checkout-prod').operation = {
        info: [{ name: RUN_INFO, value: RUN_ID }],
      };
      await executor.execute(ctx as any);
      expect(argo.calls.syncs).toEqual([]);
      // Straight to following: the request step, stored as done, is not run again.
      expect(lines[0]).toMatch(/^info: Sync Running: /);
    });

    it('asks for the sync when the first attempt died before asking', async () => {
      const { executor, ctx, argo } = setup({ attempt: 2 });
      await executor.execute(ctx as any);
      expect(argo.calls.syncs).toHaveLength(1);
    });
  });

  it("does not start a sync over someone else's operation, and says whose it is", async () => {
    const { executor, ctx, argo } = setup();
    Object.assign(argo.app('checkout-prod'), {
      operationState: {
        operation: { initiatedBy: { username: 'admin' } },
        phase: 'Running',
        syncResult: { resources: [] },
      },
      phases: ['Running'],
    });
    expect(await failure(executor.execute(ctx as any))).toBe(
      'Argo CD is already running an operation on checkout-prod (started by admin): wait for it to finish, then sync again if Argo CD still reports OutOfSync and Degraded',
    );
    expect(argo.calls.syncs).toEqual([]);
  });

  it('refreshes only: a hard refresh, no sync', async () => {
    const { executor, ctx, argo } = setup({ parameters: { mode: 'refresh' } });
    const outcome = await executor.execute(ctx as any);
    expect(argo.calls.refreshes).toEqual(['checkout-prod']);
    expect(argo.calls.syncs).toEqual([]);
    expect(outcome.summary).toBe(
      'Argo CD compared checkout-prod with Git again: it reports OutOfSync and Degraded',
    );
  });

  it.each([
    [
      { waitSeconds: 900 },
      /waitSeconds: the wait for Argo CD \(900 s\) must be shorter than the run's time limit \(timeoutSeconds, 900 s\)/,
    ],
    [
      { waitSeconds: 100, timeoutSeconds: 60 },
      /must be shorter than the run's time limit \(timeoutSeconds, 60 s\)/,
    ],
    [
      { pollSeconds: 'often' },
      /pollSeconds: must be a number of seconds from 0\.05 to 60/,
    ],
    [{ waitSeconds: -1 }, /waitSeconds: must be a number of seconds/],
  ])('refuses the settings %j at start', (settings, message) => {
    const { executor } = setup();
    expect(() =>
      executor.validateConfig(new ConfigReader(settings), {
        key: 'slipway.environments[0].actions.sync',
      }),
    ).toThrow(message);
  });

  it('accepts its defaults and a wait below the time limit', () => {
    const { executor } = setup();
    const key = 'slipway.environments[0].actions.sync';
    expect(() => executor.validateConfig(undefined, { key })).not.toThrow();
    expect(() =>
      executor.validateConfig(
        new ConfigReader({ waitSeconds: 1800, timeoutSeconds: 2000 }),
        { key },
      ),
    ).not.toThrow();
  });
});
