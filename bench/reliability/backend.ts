/*
 * The backend of bench/reliability, in its own process, as the portal runs it (sign-in, catalog with the Slipway
 * module, the demo permission policy, audit log, notifications, the slipway plugin) on a database that outlives it,
 * plus test actions whose executors write what they do to a journal, so the scripts can count executions after
 * kill -9. Usage (from soak.ts and replicas.ts): backend.ts <port> <gitops repository> <journal file>
 *   BENCH_PG + BENCH_PG_PREFIX: every plugin's database on that PostgreSQL; otherwise SQLite files in BENCH_SQLITE_DIR.
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
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { testActions } from './testActions';

const [port, gitops, journal] = process.argv.slice(2);
const root = resolve(__dirname, '../..');

const reliabilityActions = createBackendModule({
  pluginId: 'slipway',
  moduleId: 'reliability-actions',
  register(reg) {
    reg.registerInit({
      deps: { actions: slipwayActionsExtensionPoint },
      async init({ actions }) {
        const { definitions, executors } = testActions(line =>
          // appendFileSync: the line is in the file before the executor goes on, whatever kills the process after.
          appendFileSync(
            journal,
            `${JSON.stringify({ ...line, pid: process.pid })}\n`,
          ),
        );
        actions.addAction(...definitions);
        actions.addExecutor(...executors);
      },
    });
  },
});

const database = process.env.BENCH_PG
  ? {
      client: 'pg',
      connection: process.env.BENCH_PG,
      prefix: process.env.BENCH_PG_PREFIX,
    }
  : {
      client: 'better-sqlite3',
      connection: { directory: process.env.BENCH_SQLITE_DIR },
    };

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
          database,
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
          environments: [{ name: 'dev' }, { name: 'staging' }],
          gitops: { url: gitops, refreshSeconds: 5 },
          // A dead instance's runs are found after 2 s instead of 30, so 50 kills fit in minutes.
          runs: { pollSeconds: 0.5, heartbeatSeconds: 0.5, staleSeconds: 2 },
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
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
backend.add(import('@slipway/backstage-plugin-slipway-backend'));
backend.add(reliabilityActions);
backend.start();
