import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { executionContext } from '../../__testUtils__/executionContext';
import {
  fakeCluster,
  K8S_API,
  testClusters,
} from '../../__testUtils__/kubernetes';
import { KubernetesPauseExecutor } from './KubernetesPauseExecutor';
import { PausedStates } from './PausedStates';

const RUN_ID = '11111111-2222-4333-8444-555555555555';
const WHERE = 'deployment checkout-prod/checkout in cluster prod-eu';

const states = new PausedStates(testClusters());
const executor = (action: 'pause' | 'resume') =>
  new KubernetesPauseExecutor(
    action,
    testClusters(),
    states,
    5,
    () => new Date('2026-12-05T20:00:00Z'),
  );

const context = (
  action: 'pause' | 'resume',
  options: Parameters<typeof executionContext>[0] = {},
) =>
  executionContext({
    action,
    settings: { executor: 'kubernetes' },
    ...options,
  });

describe('KubernetesPauseExecutor', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('pauses: scales the workload to zero, keeping its replicas in annotations, and waits for its pods to stop', async () => {
    const cluster = fakeCluster();
    server.use(...cluster.handlers);
    const { ctx, lines } = context('pause', {
      parameters: { until: '2026-12-06T07:00:00Z' },
    });
    const outcome = await executor('pause').execute(ctx);
    expect(outcome.summary).toBe(`Paused ${WHERE}: no pods are running`);
    expect(cluster.patches).toEqual([
      {
        contentType: 'application/strategic-merge-patch+json',
        body: {
          metadata: {
            annotations: {
              'slipway.dev/paused-since': '2026-12-05T20:00:00.000Z',
              'slipway.dev/paused-replicas': '3',
              'slipway.dev/paused-until': '2026-12-06T07:00:00Z',
              'slipway.dev/paused-by-run': RUN_ID,
            },
          },
          spec: { replicas: 0 },
        },
      },
    ]);
    expect(lines).toEqual([
      `info: Scaled ${WHERE} from 3 replicas to 0`,
      'info: 2 pods still stopping',
      'info: 1 pod still stopping',
    ]);
    expect(JSON.stringify(lines)).not.toContain('canary');
  });

  it('resumes: scales back to the replicas it had, removes the pause, and follows the rollout', async () => {
    const cluster = fakeCluster({
      replicas: 0,
      annotations: {
        'slipway.dev/paused-since': '2026-12-05T20:00:00.000Z',
        'slipway.dev/paused-replicas': '2',
        'slipway.dev/paused-by-run': 'an-earlier-run',
        'team.example.com/keep': 'yes',
      },
    });
    server.use(...cluster.handlers);
    const { ctx, lines } = context('resume');
    const outcome = await executor('resume').execute(ctx);
    expect(outcome.summary).toBe(
      `Resumed ${WHERE}: 2 of 2 replicas updated and available`,
    );
    expect(cluster.workload.spec.replicas).toBe(2);
    // Only Slipway's annotations go; the run that resumed it stays, for an attempt resumed after a crash.
    expect(cluster.workload.metadata.annotations).toEqual({
      'team.example.com/keep': 'yes',
      'slipway.dev/resumed-by-run': RUN_ID,
    });
    expect(lines[0]).toBe(`info: Scaled ${WHERE} from 0 to 2 replicas`);
    expect(lines.at(-1)).toBe('info: 2 of 2 replicas updated and available');
  });

  it('resumes to one replica when the pause recorded none (a workload without spec.replicas)', async () => {
    const cluster = fakeCluster({
      replicas: 0,
      annotations: { 'slipway.dev/paused-since': '2026-12-05T20:00:00Z' },
    });
    server.use(...cluster.handlers);
    await executor('resume').execute(context('resume').ctx);
    expect(cluster.workload.spec.replicas).toBe(1);
  });

  it('writes nothing when there is nothing to do: already paused, or not paused', async () => {
    const paused = fakeCluster({
      replicas: 0,
      annotations: { 'slipway.dev/paused-since': '2026-12-05T19:00:00Z' },
    });
    server.use(...paused.handlers);
    expect(
      (await executor('pause').execute(context('pause').ctx)).summary,
    ).toBe(`${WHERE} was already paused`);
    expect(paused.patches).toEqual([]);

    const running = fakeCluster();
    server.use(...running.handlers);
    expect(
      (await executor('resume').execute(context('resume').ctx)).summary,
    ).toBe(`${WHERE} was already running`);
    expect(running.patches).toEqual([]);
  });

  it('refuses to pause a workload that runs no replicas, changing nothing', async () => {
    const cluster = fakeCluster({ replicas: 0 });
    server.use(...cluster.handlers);
    await expect(
      executor('pause').execute(context('pause').ctx),
    ).rejects.toThrow(
      `${WHERE} already runs no replicas, so there is nothing to pause and nothing was changed.`,
    );
    expect(cluster.patches).toEqual([]);
  });

  it.each(['pause', 'resume'] as const)(
    'does not %s twice when an attempt resumed after a crash finds its own patch (its checkpoint lost)',
    async action => {
      const cluster =
        action === 'pause'
          ? fakeCluster({
              replicas: 0,
              annotations: {
                'slipway.dev/paused-since': '2026-12-05T20:00:00Z',
                'slipway.dev/paused-replicas': '3',
                'slipway.dev/paused-by-run': RUN_ID,
              },
            })
          : fakeCluster({
              annotations: { 'slipway.dev/resumed-by-run': RUN_ID },
            });
      server.use(...cluster.handlers);
      const outcome = await executor(action).execute(
        context(action, { attempt: 2 }).ctx,
      );
      expect(cluster.patches).toEqual([]);
      expect(outcome.summary).toBe(
        action === 'pause'
          ? `Paused ${WHERE}: no pods are running`
          : `Resumed ${WHERE}: 3 of 3 replicas updated and available`,
      );
    },
  );

  it('fails, saying what to do, when something scales the workload back up after the pause', async () => {
    const cluster = fakeCluster({ scaleBackTo: 2 });
    server.use(...cluster.handlers);
    await expect(
      executor('pause').execute(context('pause').ctx),
    ).rejects.toThrow(
      `Something scaled ${WHERE} back to 2 replicas after Slipway paused it: a HorizontalPodAutoscaler, or a deploy tool applying its manifest. Pause it where its replicas are set (for Argo CD: the gitops executor)`,
    );
  });

  it('explains a 403 from the API server without its token', async () => {
    const cluster = fakeCluster({ refusePatch: true });
    server.use(...cluster.handlers);
    const failure = executor('pause').execute(context('pause').ctx);
    await expect(failure).rejects.toThrow(
      `Could not patch ${WHERE}: the cluster refused (HTTP 403: deployments.apps "checkout" is forbidden: User "system:serviceaccount:slipway:portal" cannot patch)`,
    );
    await expect(failure).rejects.not.toThrow('canary');
  });

  it('pauses statefulsets too, named by its template; a dry run and the preview change nothing', async () => {
    const cluster = fakeCluster({ kind: 'statefulsets', name: 'checkout-db' });
    server.use(...cluster.handlers);
    const settings = {
      executor: 'kubernetes',
      kind: 'statefulset',
      workload: '{{ app.name }}-db',
    };
    const { ctx } = context('pause', {
      settings,
      parameters: { dryRun: true },
    });
    expect((await executor('pause').execute(ctx)).summary).toBe(
      'Dry run: prod would be paused: statefulset checkout-prod/checkout-db in cluster prod-eu scaled from 3 replicas to 0',
    );
    expect(cluster.patches).toEqual([]);
    const real = context('pause', { settings }).ctx;
    expect((await executor('pause').execute(real)).summary).toBe(
      'Paused statefulset checkout-prod/checkout-db in cluster prod-eu: no pods are running',
    );
    expect(
      (await executor('resume').preview(context('resume', { settings }).ctx))
        .summary,
    ).toBe(
      'prod would start again: statefulset checkout-prod/checkout-db in cluster prod-eu scaled from 0 to 3 replicas',
    );
  });

  it('checks its settings at start: a workload with replicas, and Pause and Resume as a pair on one workload', () => {
    const validate =
      (action: 'pause' | 'resume', actions: Record<string, object>) => () => {
        const { config } = context(action);
        const environment = {
          ...config,
          order: 0,
          kubernetes: { cluster: 'prod-eu' },
          actions: Object.fromEntries(
            Object.entries(actions).map(([id, settings]) => [
              id,
              {
                executor: 'kubernetes',
                config: context(action, { settings: settings as any }).ctx
                  .config,
              },
            ]),
          ),
        } as any;
        executor(action).validateConfig(environment.actions[action].config, {
          key: `k.${action}`,
          environment,
        });
      };
    expect(validate('pause', { pause: {}, resume: {} })).not.toThrow();
    expect(
      validate('pause', {
        pause: { kind: 'daemonset' },
        resume: { kind: 'daemonset' },
      }),
    ).toThrow('k.pause.kind: must be deployment or statefulset');
    const pair =
      'the kubernetes executor of Pause and Resume works in pairs: set actions.pause and actions.resume both to executor: kubernetes, with the same kind and workload';
    expect(validate('pause', { pause: {} })).toThrow(`k.pause: ${pair}`);
    expect(
      validate('resume', {
        pause: { workload: '{{ app.name }}-api' },
        resume: {},
      }),
    ).toThrow(`k.resume: ${pair}`);
  });
});

describe('PausedStates', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const target = (action = 'pause', executorId = 'kubernetes') => {
    const { ctx } = executionContext({
      action,
      settings: { executor: executorId },
    });
    return {
      application: {
        ...ctx.application,
        environments: {
          prod: { version: '1.0.0', paused: { since: 'in-the-manifest' } },
        },
      },
      environment: ctx.environment,
      templateContext: () => ctx.templateContext,
    };
  };

  it('reads the pause from the workload once for a page of buttons, and again once a run changed it', async () => {
    let reads = 0;
    const cluster = fakeCluster({
      annotations: {
        'slipway.dev/paused-since': '2026-12-05T20:00:00Z',
        'slipway.dev/paused-replicas': '3',
        'slipway.dev/paused-until': '2026-12-06T07:00:00Z',
      },
    });
    server.use(
      http.get(
        `${K8S_API}/apis/apps/v1/namespaces/checkout-prod/deployments/checkout`,
        () => {
          reads += 1;
          return HttpResponse.json(cluster.workload);
        },
      ),
    );
    const fresh = new PausedStates(testClusters());
    const paused = {
      since: '2026-12-05T20:00:00Z',
      replicas: 3,
      until: '2026-12-06T07:00:00Z',
    };
    expect(await fresh.of(target())).toEqual(paused);
    expect(await fresh.of(target())).toEqual(paused);
    expect(reads).toBe(1);
    fresh.forget(fresh.workloadOf(target())!);
    cluster.workload.metadata.annotations = {};
    expect(await fresh.of(target())).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('reads the manifest where Pause goes through GitOps, and throws (keeping nothing) when the cluster cannot be read', async () => {
    const fresh = new PausedStates(testClusters());
    expect(await fresh.of(target('pause', 'gitops'))).toEqual({
      since: 'in-the-manifest',
    });
    let reads = 0;
    server.use(
      http.get(
        `${K8S_API}/apis/apps/v1/namespaces/checkout-prod/deployments/checkout`,
        () => {
          reads += 1;
          return HttpResponse.json(
            { kind: 'Status', code: 403, message: 'forbidden' },
            { status: 403 },
          );
        },
      ),
    );
    await expect(fresh.of(target())).rejects.toThrow(
      `Could not read ${WHERE}: the cluster refused (HTTP 403: forbidden)`,
    );
    await expect(fresh.of(target())).rejects.toThrow('HTTP 403');
    expect(reads).toBe(2);
  });
});
