/*
 * The backend for bench/actions, in its own process: the demo's sign-in, catalog (with the Slipway module), permission
 * policy, audit log and notifications, the slipway plugin, and a no-op action whose executor notes when it started.
 * Usage (from run.ts): backend.ts <port> <gitops dir>
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { auditLogAuditorServiceFactory } from '@slipway/backstage-plugin-audit-log-backend';
import { slipwayActionsExtensionPoint } from '@slipway/backstage-plugin-slipway-node';
import { resolve } from 'node:path';
import { z } from 'zod';

const [port, gitops] = process.argv.slice(2);
const root = resolve(__dirname, '../..');

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

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () =>
      new ConfigReader({
        app: { baseUrl: `http://localhost:${port}` },
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port: Number(port) },
          // BENCH_PG: every plugin's database on that PostgreSQL, named with BENCH_PG_PREFIX (run.ts drops them after).
          database: process.env.BENCH_PG
            ? {
                client: 'pg',
                connection: process.env.BENCH_PG,
                prefix: process.env.BENCH_PG_PREFIX,
              }
            : { client: 'better-sqlite3', connection: ':memory:' },
        },
        auth: { environment: 'development', providers: { demo: {} } },
        permission: { enabled: true },
        catalog: {
          rules: [
            {
              allow: [
                'Component',
                'System',
                'Resource',
                'Location',
                'User',
                'Group',
              ],
            },
          ],
          locations: [
            { type: 'file', target: `${root}/catalog-info/org.yaml` },
          ],
        },
        slipway: {
          environments: [{ name: 'dev' }, { name: 'prod', production: true }],
          gitops: { url: gitops, refreshSeconds: 3600 },
          runs: { pollSeconds: 2 },
        },
      }),
  }),
);
backend.add(auditLogAuditorServiceFactory);
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('../../packages/backend/src/modules/demoSignIn'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@slipway/backstage-plugin-catalog-backend-module-slipway'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('../../packages/backend/src/modules/permissionPolicy'));
backend.add(import('@backstage/plugin-events-backend'));
// As in the portal: every finished run notifies its requester.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
backend.add(import('@slipway/backstage-plugin-slipway-backend'));
backend.add(noop);
backend.start();
