import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { executionContext } from '../../__testUtils__/executionContext';
import { GitHubActionsRestartExecutor } from './GitHubActionsRestartExecutor';

const API = 'https://api.github.com/repos/acme/checkout';
const settings = {
  executor: 'github-actions',
  repository: 'acme/{{ app.name }}',
  workflow: 'restart.yml',
  inputs: { environment: '{{ env.name }}', namespace: '{{ env.namespace }}' },
};

const executor = new GitHubActionsRestartExecutor(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 'gh-token-canary' }],
    },
  }),
  { findRunMs: 5, findRunAttempts: 5, followRunMs: 5 },
);

/** A workflow run as GET /repos/{owner}/{repo}/actions/runs/{id} returns it. */
const workflowRun = (
  status: string,
  conclusion: string | null,
  title: string,
) => ({
  id: 4711,
  name: 'Restart',
  display_title: title,
  status,
  conclusion,
  html_url: 'https://github.com/acme/checkout/actions/runs/4711',
  event: 'workflow_dispatch',
  created_at: new Date().toISOString(),
});

describe('GitHubActionsRestartExecutor', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function github(
    options: {
      conclusion?: string;
      listsBeforeRunAppears?: number;
      dispatch?: () => Response;
    } = {},
  ) {
    const calls = { dispatch: undefined as any, lists: 0, reads: 0 };
    let lists = options.listsBeforeRunAppears ?? 1;
    server.use(
      http.post(
        `${API}/actions/workflows/restart.yml/dispatches`,
        async ({ request }) => {
          expect(request.headers.get('authorization')).toBe(
            'token gh-token-canary',
          );
          calls.dispatch = await request.json();
          return (
            options.dispatch?.() ?? new HttpResponse(null, { status: 204 })
          );
        },
      ),
      http.get(`${API}/actions/workflows/restart.yml/runs`, ({ request }) => {
        calls.lists++;
        expect(new URL(request.url).searchParams.get('event')).toBe(
          'workflow_dispatch',
        );
        const runs =
          lists-- > 0
            ? []
            : [
                workflowRun(
                  'queued',
                  null,
                  `Restart checkout (${calls.dispatch.inputs.slipway_run_id})`,
                ),
              ];
        return HttpResponse.json({
          total_count: runs.length,
          workflow_runs: runs,
        });
      }),
      http.get(`${API}/actions/runs/4711`, () => {
        calls.reads++;
        return HttpResponse.json(
          calls.reads < 3
            ? workflowRun('in_progress', null, 'x')
            : workflowRun('completed', options.conclusion ?? 'success', 'x'),
        );
      }),
    );
    return calls;
  }

  it('dispatches the workflow with rendered inputs, finds its run and follows it to success', async () => {
    const calls = github();
    const { ctx, lines } = executionContext({ settings });
    const outcome = await executor.execute(ctx);
    expect(calls.dispatch).toEqual({
      ref: 'main',
      inputs: {
        environment: 'prod',
        namespace: 'checkout-prod',
        slipway_run_id: ctx.run.id,
      },
    });
    expect(outcome).toEqual({
      summary: 'Workflow restart.yml succeeded',
      links: [
        {
          title: 'Workflow run',
          url: 'https://github.com/acme/checkout/actions/runs/4711',
        },
      ],
    });
    expect(lines).toEqual([
      'info: Dispatched workflow restart.yml of acme/checkout on main',
      'info: Following workflow run https://github.com/acme/checkout/actions/runs/4711',
    ]);
    expect(JSON.stringify(lines)).not.toContain('canary');
  });

  it("fails with the run's conclusion and link", async () => {
    github({ conclusion: 'failure' });
    const { ctx } = executionContext({ settings });
    await expect(executor.execute(ctx)).rejects.toThrow(
      'Workflow restart.yml ended with conclusion "failure": https://github.com/acme/checkout/actions/runs/4711',
    );
  });

  it('explains when the workflow run never shows up', async () => {
    github({ listsBeforeRunAppears: 99 });
    const { ctx } = executionContext({ settings });
    await expect(executor.execute(ctx)).rejects.toThrow(
      /no run showing Slipway run .* appeared; the workflow must declare the input "slipway_run_id" and show it in its run-name/,
    );
  });

  it("passes on GitHub's refusal", async () => {
    github({
      dispatch: () =>
        HttpResponse.json(
          { message: 'Unexpected inputs provided: ["slipway_run_id"]' },
          { status: 422 },
        ),
    });
    const { ctx } = executionContext({ settings });
    await expect(executor.execute(ctx)).rejects.toThrow(
      'Could not dispatch restart.yml in acme/checkout (HTTP 422): Unexpected inputs provided: ["slipway_run_id"]',
    );
  });

  it('does not dispatch again when the run resumes', async () => {
    const calls = github({ listsBeforeRunAppears: 0 });
    const { ctx } = executionContext({
      settings,
      checkpoints: {
        'workflow-dispatched': { dispatchedAt: new Date().toISOString() },
        'workflow-run-found': {
          id: 4711,
          url: 'https://github.com/acme/checkout/actions/runs/4711',
        },
      },
    });
    await executor.execute(ctx);
    expect(calls.dispatch).toBeUndefined();
    expect(calls.lists).toBe(0);
  });

  it('on a resumed attempt whose dispatch was not checkpointed, follows the workflow run it had started', async () => {
    const runId = '11111111-2222-4333-8444-555555555555';
    let dispatched = false;
    server.use(
      http.post(`${API}/actions/workflows/restart.yml/dispatches`, () => {
        dispatched = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`${API}/actions/workflows/restart.yml/runs`, () =>
        HttpResponse.json({
          total_count: 1,
          workflow_runs: [
            workflowRun('queued', null, `Restart checkout (${runId})`),
          ],
        }),
      ),
      http.get(`${API}/actions/runs/4711`, () =>
        HttpResponse.json(workflowRun('completed', 'success', 'x')),
      ),
    );
    const { ctx, lines } = executionContext({ settings, attempt: 2 });
    expect(ctx.run.id).toBe(runId);
    await expect(executor.execute(ctx)).resolves.toMatchObject({
      summary: 'Workflow restart.yml succeeded',
    });
    expect(dispatched).toBe(false);
    expect(lines).toContain(
      'info: Workflow restart.yml was already dispatched by an earlier attempt of this run',
    );
  });

  it('on a resumed attempt that had not dispatched yet, dispatches', async () => {
    const calls = github();
    const { ctx } = executionContext({ settings, attempt: 2 });
    await executor.execute(ctx);
    expect(calls.dispatch.inputs.slipway_run_id).toBe(ctx.run.id);
  });
});
