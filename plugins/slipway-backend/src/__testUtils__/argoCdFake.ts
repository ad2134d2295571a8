import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';

/** How a fake application's sync goes: the phases Argo CD reports, one per read, and the last one's message. */
export interface FakeSyncOutcome {
  /** Default: `['Running', 'Succeeded']`. */
  phases?: string[];
  message?: string;
  /** Resources that fail, as `syncResult.resources[]` reports them. */
  failedResources?: Array<{ kind: string; name: string; message: string }>;
}

interface FakeApp {
  sync: string;
  health: string;
  operation?: any;
  operationState?: any;
  /** Phases still to report for the operation in progress. */
  phases: string[];
  outcome: FakeSyncOutcome;
}

/**
 * Argo CD's REST API for the applications given, in its documented shapes (`v1alpha1.Application`,
 * `ApplicationSyncRequest`): GET reads (advancing the operation in progress by one phase per read, as the controller
 * would between two looks), `?refresh=hard` is counted, POST .../sync records the request and queues the operation
 * in `operation` as Argo CD's API server does, and refuses a second one while one runs. `respond` overrides answers.
 */
export function argoCdFake(
  msw: Pick<SetupServer, 'use'>,
  options: {
    url: string;
    token: string;
    apps: Record<string, { sync: string; health: string }>;
    outcome?: FakeSyncOutcome;
    respond?: {
      get?: (name: string) => Response | Promise<Response> | undefined;
      sync?: (name: string) => Response | Promise<Response> | undefined;
    };
  },
) {
  const apps = new Map<string, FakeApp>(
    Object.entries(options.apps).map(([name, s]) => [
      name,
      { ...s, phases: [], outcome: options.outcome ?? {} },
    ]),
  );
  const calls = {
    syncs: [] as Array<{ name: string; body: any }>,
    refreshes: [] as string[],
    reads: 0,
    unauthorized: 0,
  };

  const view = (name: string, app: FakeApp) => ({
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/acme/gitops',
        path: `apps/${name}`,
        targetRevision: 'HEAD',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: name,
      },
    },
    ...(app.operation ? { operation: app.operation } : {}),
    status: {
      sync: { status: app.sync, revision: 'abc123def4567890' },
      health: { status: app.health },
      summary: { images: [] },
      ...(app.operationState ? { operationState: app.operationState } : {}),
      reconciledAt: '2026-11-22T10:00:00Z',
    },
  });

  /** What the controller does between two reads: takes up a queued operation, or moves it one phase on. */
  const advance = (app: FakeApp) => {
    if (app.operation) {
      app.operationState = {
        operation: app.operation,
        phase: 'Running',
        message: 'waiting for healthy state of apps/Deployment/checkout',
        startedAt: '2026-11-22T10:00:01Z',
        syncResult: { revision: 'abc123def4567890', resources: [] },
      };
      app.operation = undefined;
      app.phases = [...(app.outcome.phases ?? ['Running', 'Succeeded'])];
    }
    const state = app.operationState;
    const phase = app.phases.shift();
    if (!state || !phase) return;
    const last = app.phases.length === 0;
    const failed = app.outcome.failedResources ?? [];
    state.phase = phase;
    state.syncResult.resources = [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'checkout',
        name: 'checkout',
        status: failed.length ? 'SyncFailed' : 'Synced',
        message: failed[0]?.message ?? 'deployment.apps/checkout configured',
        hookPhase: phase,
        syncPhase: 'Sync',
      },
      {
        group: '',
        version: 'v1',
        kind: 'Service',
        namespace: 'checkout',
        name: 'checkout',
        status: phase === 'Running' ? '' : 'Synced',
        message: 'service/checkout unchanged',
        syncPhase: 'Sync',
      },
    ];
    if (last) {
      state.message =
        app.outcome.message ??
        (phase === 'Succeeded' ? 'successfully synced (all tasks run)' : phase);
      state.finishedAt = '2026-11-22T10:00:09Z';
      if (phase === 'Succeeded') {
        app.sync = 'Synced';
        app.health = 'Healthy';
      }
    }
  };

  const authorized = (request: Request) => {
    if (request.headers.get('authorization') === `Bearer ${options.token}`)
      return true;
    calls.unauthorized++;
    return false;
  };
  const unauthenticated = () =>
    HttpResponse.json(
      { error: 'invalid session: token is expired', code: 16 },
      { status: 401 },
    );
  const permissionDenied = () =>
    HttpResponse.json(
      { error: 'permission denied', code: 7, message: 'permission denied' },
      { status: 403 },
    );

  msw.use(
    http.get(
      `${options.url}/api/v1/applications/:name`,
      async ({ request, params }) => {
        const name = String(params.name);
        if (!authorized(request)) return unauthenticated();
        const override = await options.respond?.get?.(name);
        if (override) return override;
        const app = apps.get(name);
        if (!app) return permissionDenied();
        calls.reads++;
        if (new URL(request.url).searchParams.get('refresh') === 'hard')
          calls.refreshes.push(name);
        advance(app);
        return HttpResponse.json(view(name, app));
      },
    ),
    http.post(
      `${options.url}/api/v1/applications/:name/sync`,
      async ({ request, params }) => {
        const name = String(params.name);
        if (!authorized(request)) return unauthenticated();
        const body = await request.json();
        const override = await options.respond?.sync?.(name);
        if (override) return override;
        const app = apps.get(name);
        if (!app) return permissionDenied();
        if (app.operation || (app.operationState && app.phases.length))
          return HttpResponse.json(
            {
              error: 'another operation is already in progress',
              code: 9,
              message: 'another operation is already in progress',
            },
            { status: 400 },
          );
        calls.syncs.push({ name, body });
        app.operation = {
          sync: { revision: 'HEAD', prune: (body as any).prune },
          initiatedBy: { username: 'slipway' },
          info: (body as any).infos,
        };
        return HttpResponse.json(view(name, app));
      },
    ),
  );

  return {
    calls,
    /** An application's state, to set up what Argo CD holds before a test (e.g. an operation already running). */
    app: (name: string) => apps.get(name)!,
  };
}
