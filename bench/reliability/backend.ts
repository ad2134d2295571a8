/*
 * The backend of bench/reliability, in its own process, as the portal runs it (sign-in, catalog with the Slipway
 * module, the demo permission policy, audit log, notifications, the slipway plugin) on a database that outlives it,
 * plus test actions whose executors write what they do to a journal, so the scripts can count executions after
 * kill -9. Usage (from soak.ts and replicas.ts): backend.ts <port> <gitops repository> <journal file>
 *   BENCH_PG + BENCH_PG_PREFIX: every plugin's database on that PostgreSQL; otherwise SQLite files in BENCH_SQLITE_DIR.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { slipwayActionsExtensionPoint } from '@slipway/backstage-plugin-slipway-node';
import { appendFileSync } from 'node:fs';
import { startPortalBackend } from '../portalBackend';
import { testActions } from './testActions';

const [port, gitops, journal] = process.argv.slice(2);

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

const database: JsonObject = process.env.BENCH_PG
  ? {
      client: 'pg',
      connection: process.env.BENCH_PG,
      prefix: process.env.BENCH_PG_PREFIX!,
    }
  : {
      client: 'better-sqlite3',
      connection: { directory: process.env.BENCH_SQLITE_DIR! },
    };

startPortalBackend({
  port,
  database,
  slipway: {
    environments: [{ name: 'dev' }, { name: 'staging' }],
    gitops: { url: gitops, refreshSeconds: 5 },
    // A dead instance's runs are found after 2 s instead of 30, so 50 kills fit in minutes.
    runs: { pollSeconds: 0.5, heartbeatSeconds: 0.5, staleSeconds: 2 },
  },
  modules: [reliabilityActions],
});
