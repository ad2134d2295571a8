/*
 * The backend for bench/actions, in its own process: the demo's sign-in, catalog (with the Slipway module), permission
 * policy, audit log and notifications, the slipway plugin, and a no-op action whose executor notes when it started.
 * Usage (from run.ts): backend.ts <port> <gitops dir>
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { slipwayActionsExtensionPoint } from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { startPortalBackend } from '../portalBackend';

const [port, gitops] = process.argv.slice(2);

const noop = createBackendModule({
  pluginId: 'slipway',
  moduleId: 'bench-noop',
  register(reg) {
    reg.registerInit({
      deps: { actions: slipwayActionsExtensionPoint },
      async init({ actions }) {
        actions.addAction({
          id: 'noop',
          title: 'No-op',
          description: 'Does nothing; notes when its executor started',
          parameters: z.strictObject({ sentAt: z.number() }),
          mutating: false,
          timeoutSeconds: 30,
          resumable: false,
          defaultExecutor: 'noop',
        });
        actions.addExecutor({
          id: 'noop',
          action: 'noop',
          execute: async () => ({
            summary: 'nothing done',
            output: { startedAt: performance.timeOrigin + performance.now() },
          }),
        });
      },
    });
  },
});

startPortalBackend({
  port,
  // BENCH_PG: every plugin's database on that PostgreSQL, named with BENCH_PG_PREFIX (run.ts drops them after).
  database: process.env.BENCH_PG
    ? {
        client: 'pg',
        connection: process.env.BENCH_PG,
        prefix: process.env.BENCH_PG_PREFIX!,
      }
    : { client: 'better-sqlite3', connection: ':memory:' },
  slipway: {
    environments: [{ name: 'dev' }, { name: 'prod', production: true }],
    gitops: { url: gitops, refreshSeconds: 3600 },
    runs: { pollSeconds: 2 },
  },
  modules: [noop],
});
