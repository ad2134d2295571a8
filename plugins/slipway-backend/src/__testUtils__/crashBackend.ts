/*
 * A real Slipway backend process for the crash-recovery test (engine/crashRecovery.test.ts): the slipway plugin on a
 * SQLite file, with two test actions whose executors write to a marker file after each step and wait for a
 * "release" file before they finish. The test kills this process with SIGKILL in the middle of a run.
 *
 * Usage: node -r @backstage/cli/config/nodeTransform.cjs crashBackend.ts <data dir> <port>
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ActionExecutionContext,
  slipwayActionsExtensionPoint,
} from '@slipway/backstage-plugin-slipway-node';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import { z } from 'zod';
import { slipwayPlugin } from '../plugin';
import { crashBackendConfig } from './crashProcess';
import { applicationEntity } from './entities';

const [dataDir, port] = process.argv.slice(2);
const marker = join(dataDir, 'marker');

async function twoSteps(ctx: ActionExecutionContext) {
  await ctx.checkpoint('step-1', async () => {
    appendFileSync(marker, `step-1 ${ctx.run.id}\n`);
  });
  while (!existsSync(join(dataDir, 'release')))
    await new Promise(r => setTimeout(r, 50));
  await ctx.checkpoint('step-2', async () => {
    appendFileSync(marker, `step-2 ${ctx.run.id}\n`);
  });
  return { summary: 'both steps done' };
}

const actions = createBackendModule({
  pluginId: 'slipway',
  moduleId: 'crash-test',
  register(reg) {
    reg.registerInit({
      deps: { actions: slipwayActionsExtensionPoint },
      async init({ actions: extension }) {
        for (const [id, resumable] of [
          ['resumable', true],
          ['fragile', false],
        ] as const) {
          extension.addAction({
            id,
            title: id,
            description: id,
            parameters: z.object({}),
            mutating: true,
            timeoutSeconds: 120,
            resumable,
            defaultExecutor: 'steps',
          });
          extension.addExecutor({ id: 'steps', action: id, execute: twoSteps });
        }
      },
    });
  },
});

// Checkout, declared in a GitOps repository of this process's own, as the catalog module would have read it.
// Inside the data folder: the test removes it, even after a SIGKILL.
const gitops = new TestGitOps('main', join(dataDir, 'gitops'));
const [checkout] = gitops.declare([applicationEntity('checkout')]);

const backend = createBackend();
backend.add(
  crashBackendConfig(dataDir, port, {
    environments: [{ name: 'dev' }],
    gitops: { url: gitops.url },
  }),
);
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => ({ getEntityByRef: async () => checkout } as any),
  }),
);
backend.add(slipwayPlugin);
backend.add(actions);
backend.start();
