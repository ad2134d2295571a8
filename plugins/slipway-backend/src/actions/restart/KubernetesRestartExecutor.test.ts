import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { executionContext } from '../../__testUtils__/executionContext';
import { K8S_API, testClusters } from '../../__testUtils__/kubernetes';
import { KubernetesRestartExecutor } from './KubernetesRestartExecutor';

const API = K8S_API;
const DEPLOYMENT = `${API}/apis/apps/v1/namespaces/checkout-prod/deployments/checkout`;

const executor = new KubernetesRestartExecutor(testClusters(), 10);

/** A Deployment in the shape of the apps/v1 API. */
function deployment(generation: number, status: Record<string, unknown>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'checkout', namespace: 'checkout-prod', generation },
    spec: { replicas: 3, template: { metadata: { annotations: {} } } },
    status: {
      observedGeneration: generation,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      readyReplicas: 3,
      ...status,
    },
  };
}

describe('KubernetesRestartExecutor', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('makes the change `kubectl rollout restart` makes and follows the rollout to its end', async () => {
    let patch:
      | { body: any; contentType: string | null; auth: string | null }
      | undefined;
    const reads = [
      deployment(8, { observedGeneration: 7 }),
      deployment(8, { updatedReplicas: 1, availableReplicas: 2 }),
      deployment(8, { replicas: 4, updatedReplicas: 3, availableReplicas: 3 }),
      deployment(8, {}),
    ];
    server.use(
      http.patch(DEPLOYMENT, async ({ request }) => {
        patch = {
          body: await request.json(),
          contentType: request.headers.get('content-type'),
          auth: request.headers.get('authorization'),
        };
        return HttpResponse.json(deployment(8, { observedGeneration: 7 }));
      }),
      http.get(DEPLOYMENT, () =>
        HttpResponse.json(reads.shift() ?? deployment(8, {})),
      ),
    );
    const { ctx, lines } = executionContext({
      settings: { executor: 'kubernetes' },
    });
    const outcome = await executor.execute(ctx);
    expect(outcome.summary).toBe(
      'Restarted deployment checkout-prod/checkout in cluster prod-eu: 3 of 3 replicas updated and available',
    );
    expect(patch!.contentType).toBe('application/strategic-merge-patch+json');
    expect(patch!.auth).toBe('Bearer k8s-token-canary');
    expect(
      Date.parse(
        patch!.body.spec.template.metadata.annotations[
          'kubectl.kubernetes.io/restartedAt'
        ],
      ),
    ).not.toBeNaN();
    expect(lines).toEqual([
      'info: Restart requested: patched the pod template of deployment checkout-prod/checkout in cluster prod-eu',
      'info: waiting for the controller to see the change',
      'info: 1 of 3 replicas updated',
      'info: 1 old replicas still terminating',
      'info: 3 of 3 replicas updated and available',
    ]);
    expect(JSON.stringify(lines)).not.toContain('canary');
  });

  it('does not restart twice when the run resumes after the patch', async () => {
    let patched = false;
    server.use(
      http.patch(DEPLOYMENT, () => {
        patched = true;
        return HttpResponse.json(deployment(9, {}));
      }),
      http.get(DEPLOYMENT, () => HttpResponse.json(deployment(8, {}))),
    );
    const { ctx } = executionContext({
      settings: { executor: 'kubernetes' },
      checkpoints: { 'restart-patched': { generation: 8 } },
    });
    await executor.execute(ctx);
    expect(patched).toBe(false);
  });

  it.each([
    ['this run', '11111111-2222-4333-8444-555555555555', false],
    ['another run', '99999999-2222-4333-8444-555555555555', true],
  ])(
    'on a resumed attempt whose checkpoint was lost, patches again only if %s did not patch already',
    async (_who, lastRun, patchesAgain) => {
      let patched = false;
      const current = deployment(8, {});
      current.spec.template.metadata.annotations = {
        'slipway.dev/restart-run': lastRun,
      } as any;
      server.use(
        http.patch(DEPLOYMENT, () => {
          patched = true;
          return HttpResponse.json(deployment(9, {}));
        }),
        http.get(DEPLOYMENT, () =>
          HttpResponse.json(patched ? deployment(9, {}) : current),
        ),
      );
      const { ctx, lines } = executionContext({
        settings: { executor: 'kubernetes' },
        attempt: 2,
      });
      await executor.execute(ctx);
      expect(patched).toBe(patchesAgain);
      expect(lines[0]).toBe(
        patchesAgain
          ? 'info: Restart requested: patched the pod template of deployment checkout-prod/checkout in cluster prod-eu'
          : 'info: The pod template of deployment checkout-prod/checkout in cluster prod-eu was already patched by an earlier attempt of this run',
      );
    },
  );

  it('fails when the rollout exceeds its progress deadline', async () => {
    server.use(
      http.patch(DEPLOYMENT, () => HttpResponse.json(deployment(3, {}))),
      http.get(DEPLOYMENT, () =>
        HttpResponse.json(
          deployment(3, {
            updatedReplicas: 1,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'ReplicaSet "checkout-5d" has timed out progressing.',
              },
            ],
          }),
        ),
      ),
    );
    const { ctx } = executionContext({ settings: { executor: 'kubernetes' } });
    await expect(executor.execute(ctx)).rejects.toThrow(
      'Restart of deployment checkout-prod/checkout in cluster prod-eu failed: the rollout exceeded its progress deadline: ReplicaSet "checkout-5d" has timed out progressing.',
    );
  });

  it.each([
    [
      404,
      {
        kind: 'Status',
        message: 'deployments.apps "checkout" not found',
        code: 404,
      },
      'Could not patch deployment checkout-prod/checkout in cluster prod-eu: it does not exist',
    ],
    [
      403,
      {
        kind: 'Status',
        message:
          'deployments.apps "checkout" is forbidden: User "system:serviceaccount:slipway" cannot patch',
        code: 403,
      },
      'the cluster refused (HTTP 403: deployments.apps "checkout" is forbidden',
    ],
  ])('explains a %p from the API server', async (status, body, message) => {
    server.use(
      http.patch(DEPLOYMENT, () => HttpResponse.json(body, { status })),
    );
    const { ctx } = executionContext({ settings: { executor: 'kubernetes' } });
    await expect(executor.execute(ctx)).rejects.toThrow(message);
  });

  it('restarts statefulsets too, with the workload name from its template', async () => {
    const url = `${API}/apis/apps/v1/namespaces/checkout-prod/statefulsets/checkout-db`;
    server.use(
      http.patch(url, () => HttpResponse.json({ metadata: { generation: 2 } })),
      http.get(url, () =>
        HttpResponse.json({
          metadata: { generation: 2 },
          spec: { replicas: 2 },
          status: {
            observedGeneration: 2,
            replicas: 2,
            updatedReplicas: 2,
            readyReplicas: 2,
            currentRevision: 'r2',
            updateRevision: 'r2',
          },
        }),
      ),
    );
    const { ctx } = executionContext({
      settings: {
        executor: 'kubernetes',
        kind: 'statefulset',
        workload: '{{ app.name }}-db',
      },
    });
    expect((await executor.execute(ctx)).summary).toBe(
      'Restarted statefulset checkout-prod/checkout-db in cluster prod-eu: 2 of 2 pods updated and ready',
    );
  });

  it('refuses a statefulset that only replaces pods when they are deleted, before changing it', async () => {
    const url = `${API}/apis/apps/v1/namespaces/checkout-prod/statefulsets/checkout`;
    let patched = false;
    server.use(
      http.patch(url, () => {
        patched = true;
        return HttpResponse.json({ metadata: { generation: 2 } });
      }),
      http.get(url, () =>
        HttpResponse.json({
          metadata: { generation: 1 },
          spec: { replicas: 2, updateStrategy: { type: 'OnDelete' } },
          status: { observedGeneration: 1, replicas: 2 },
        }),
      ),
    );
    const { ctx } = executionContext({
      settings: { executor: 'kubernetes', kind: 'statefulset' },
    });
    await expect(executor.execute(ctx)).rejects.toThrow(
      'Cannot restart statefulset checkout-prod/checkout in cluster prod-eu: its updateStrategy is OnDelete',
    );
    expect(patched).toBe(false);
  });

  it('checks its settings at start', () => {
    const validate = (settings: object, cluster?: string) => () =>
      executor.validateConfig(
        executionContext({ settings: settings as any }).ctx.config,
        {
          key: 'k',
          environment: {
            order: 0,
            kubernetes: cluster ? { cluster } : undefined,
          } as any,
        },
      );
    expect(validate({ kind: 'job' }, 'prod-eu')).toThrow(
      'k.kind: must be deployment, statefulset or daemonset',
    );
    expect(validate({})).toThrow(
      'the kubernetes executor needs slipway.environments[0].kubernetes.cluster',
    );
    expect(validate({}, 'nowhere')).toThrow(
      'k: no cluster named "nowhere" in slipway.kubernetes.clusters',
    );
    expect(validate({ workload: '{{ app.secret }}' }, 'prod-eu')).toThrow(
      'unknown variable',
    );
    expect(validate({}, 'prod-eu')).not.toThrow();
  });
});
