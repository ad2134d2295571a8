import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
// The test runs the step against the real slipway backend it calls, as packages/backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import slipwayPlugin from '@slipway/backstage-plugin-slipway-backend';
import {
  ActionExecutor,
  slipwayActionsExtensionPoint,
} from '@slipway/backstage-plugin-slipway-node';
import {
  applicationEntity,
  TestGitOps,
} from '@slipway/backstage-plugin-slipway-node/testing';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { alice, runTemplate } from '../__testUtils__/scaffolderBackend';
import { stepsOf } from '../__testUtils__/gitops';
import { scaffolderModuleSlipway } from '../module';
import { examples } from './runAction.examples';
import { createRunAction } from './runAction';

jest.setTimeout(60_000);

/** A template whose one step is the example's. */
function templateOf(name: string, example: string): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:/templates/${name}.yaml`,
      },
    },
    spec: {
      type: 'operation',
      parameters: [],
      steps: stepsOf({ description: name, example }) as any,
      output: {
        runId: '${{ steps.run.output.runId }}',
        status: '${{ steps.run.output.status }}',
        summary: '${{ steps.run.output.summary }}',
      },
    },
  };
}

/**
 * The scaffolder and the slipway backend in one test backend, with the real actions registry between them (as
 * packages/backend has it); restarts go to a test executor that records what it ran.
 */
async function startBackends(gitops: TestGitOps) {
  const restarted: string[] = [];
  const executor: ActionExecutor = {
    id: 'test',
    action: 'restart',
    execute: async ctx => {
      restarted.push(`${ctx.run.environment}:${ctx.run.id}`);
      ctx.log.info(`restarting ${ctx.entity.metadata.name}`);
      return { summary: 'restarted' };
    },
  };
  let actions: ActionsService | undefined;
  const testModules = [
    createBackendModule({
      pluginId: 'slipway',
      moduleId: 'test-executor',
      register(reg) {
        reg.registerInit({
          deps: { extension: slipwayActionsExtensionPoint },
          async init({ extension }) {
            extension.addExecutor(executor);
          },
        });
      },
    }),
    createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'test-actions-service',
      register(reg) {
        reg.registerInit({
          deps: { service: actionsServiceRef },
          async init({ service }) {
            actions = service;
          },
        });
      },
    }),
  ];
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleSlipway,
      slipwayPlugin,
      ...testModules,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      createServiceFactory({
        service: notificationService,
        deps: { logger: coreServices.logger },
        factory: () => ({ send: async () => {} }),
      }),
      catalogServiceMock.factory({
        entities: [
          alice,
          // Declared in the GitOps repository, as the catalog module would have read it.
          ...gitops.declare([applicationEntity('checkout')]),
          ...examples.map((example, i) =>
            templateOf(`example-${i}`, example.example),
          ),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:7007',
            actions: { pluginSources: ['slipway'] },
          },
          slipway: {
            environments: [
              { name: 'dev', actions: { restart: { executor: 'test' } } },
              {
                name: 'prod',
                production: true,
                actions: { restart: { executor: 'test' } },
              },
            ],
            gitops: { url: gitops.url },
            runs: { pollSeconds: 0.1, heartbeatSeconds: 0.1 },
          },
        },
      }),
    ],
  });
  return { server, restarted, actions: () => actions! };
}

describe('slipway:action:run', () => {
  let gitops: TestGitOps;
  let backends: Awaited<ReturnType<typeof startBackends>>;
  beforeEach(async () => {
    gitops = new TestGitOps();
    backends = await startBackends(gitops);
  });
  afterEach(() => gitops.remove());

  it('restarts and waits for the run to finish (example 1)', async () => {
    const task = await runTemplate(backends.server, 'example-0', {});
    expect(task).toMatchObject({
      status: 'completed',
      output: {
        status: 'succeeded',
        summary: 'restart of component:default/checkout in dev succeeded.',
      },
    });
    expect(backends.restarted).toEqual([`dev:${task.output.runId}`]);
    // The run's log is copied into the task's.
    expect(task.log).toContain('[run] restarting checkout');
    // The run is Alice's, as the portal shows it.
    const run = await request(backends.server)
      .get(`/api/slipway/runs/${task.output.runId}`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(run.body).toMatchObject({
      requester: 'user:default/alice',
      parameters: { reason: 'Pick up the rotated database password' },
    });
  });

  it('only requests a production restart, which waits for approval (example 2)', async () => {
    const task = await runTemplate(backends.server, 'example-1', {});
    expect(task).toMatchObject({
      status: 'completed',
      output: { status: 'awaiting-approval' },
    });
    expect(backends.restarted).toEqual([]);
  });

  it("fails the step with the engine's answer when the action cannot run (example 3: this checkout has no database)", async () => {
    const task = await runTemplate(backends.server, 'example-2', {});
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      'InputError: The manifest declares no postgres component to copy',
    );
  });

  it('waits while a production run waits for approval, and finishes when someone else approves', async () => {
    const ctx = aliceContext({
      input: {
        entityRef: 'checkout',
        action: 'restart',
        environment: 'prod',
        parameters: { reason: 'memory leak' },
      },
      task: { id: 'task-approve' },
    });
    const action = createRunAction({
      actions: backends.actions(),
      pollIntervalMs: 50,
    });
    const step = action.handler(ctx);
    const waiting = await waitForRun(backends.server, 'awaiting-approval');
    const approved = await request(backends.server)
      .post(`/api/slipway/runs/${waiting.id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/dave'))
      .send({ comment: 'go' });
    expect(approved.status).toBe(200);
    await step;
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
    expect(backends.restarted).toEqual([`prod:${waiting.id}`]);
  });

  it('runs the action once per task and step, however often the step is run again', async () => {
    const action = createRunAction({ actions: backends.actions() });
    const context = (taskId: string) =>
      aliceContext({
        input: {
          entityRef: 'component:default/checkout',
          action: 'restart',
          environment: 'dev',
          parameters: { reason: 'again' },
        },
        task: { id: taskId },
      });
    const first = context('task-1');
    await action.handler(first);
    const resumed = context('task-1');
    await action.handler(resumed);
    expect(resumed.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Already requested run /),
    );
    expect(backends.restarted).toHaveLength(1);
    // Another task is another request.
    await action.handler(context('task-2'));
    expect(backends.restarted).toHaveLength(2);
  });

  it('says in a dry run whether the action could run, and runs nothing', async () => {
    const action = createRunAction({ actions: backends.actions() });
    const dryRun = (environment: string) =>
      aliceContext({
        input: { entityRef: 'checkout', action: 'restart', environment },
        isDryRun: true,
      });
    const ok = dryRun('dev');
    await action.handler(ok);
    expect(ok.logger.info).toHaveBeenCalledWith(
      'Would run restart of checkout in dev',
    );
    await expect(action.handler(dryRun('qa'))).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^checkout has no environment "qa" for restart; it has: dev/,
        ),
      }),
    );
    await expect(
      action.handler(
        aliceContext({
          input: { entityRef: 'checkout', action: 'nuke', environment: 'dev' },
          isDryRun: true,
        }),
      ),
    ).rejects.toThrow(/^checkout has no action "nuke"; it has: restart/);
    // A NUL byte never reaches the catalog's database: Slipway's answer is a 400 with the reason.
    await expect(
      action.handler(
        aliceContext({
          input: {
            entityRef: 'component:default/check\u0000out',
            action: 'restart',
            environment: 'dev',
          },
          isDryRun: true,
        }),
      ),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining('is not an application reference'),
      }),
    );
    expect(backends.restarted).toEqual([]);
  });
});

/** A step's context as the scaffolder gives it when Alice runs a template (logger calls recorded). */
function aliceContext(options: {
  input: JsonObject;
  task?: { id: string };
  isDryRun?: boolean;
}) {
  const ctx = {
    ...createMockActionContext({ input: options.input, task: options.task }),
    step: { id: 'run' },
    isDryRun: options.isDryRun,
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/alice'),
  };
  jest.spyOn(ctx.logger, 'info');
  return ctx as typeof ctx & { input: any };
}

/** Alice's run in the given status, once there is one. */
async function waitForRun(server: any, status: string) {
  for (let i = 0; i < 200; i++) {
    const runs = await request(server)
      .get(`/api/slipway/runs?requester=me&status=${status}`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    if (runs.body.items?.length) return runs.body.items[0];
    await sleep(50);
  }
  throw new Error(`No run is ${status}`);
}
