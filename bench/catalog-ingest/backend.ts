/*
 * One catalog backend for the ingest benchmark, in a process of its own: the catalog, the Slipway catalog module,
 * SQLite in memory (or PostgreSQL), and a static token for the benchmark to ask how many entities there are.
 * Usage (from run.ts): backend.ts <port> <manifests|plain> <directory>
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';

const [port, mode, directory] = process.argv.slice(2);
export const BENCH_TOKEN = 'slipway-bench-token-0123456789';

const database = process.env.BENCH_PG
  ? { client: 'pg', connection: process.env.BENCH_PG }
  : { client: 'better-sqlite3', connection: ':memory:' };

const config = new ConfigReader({
  backend: {
    baseUrl: `http://localhost:${port}`,
    listen: { port: Number(port) },
    database,
    auth: {
      externalAccess: [
        { type: 'static', options: { token: BENCH_TOKEN, subject: 'bench' } },
      ],
    },
  },
  catalog: {
    rules: [{ allow: ['Component', 'System', 'Resource', 'Location'] }],
    locations:
      mode === 'plain'
        ? [{ type: 'file', target: `${directory}/**/*.yaml` }]
        : [],
  },
  slipway: {
    environments: [
      { name: 'dev' },
      { name: 'staging' },
      { name: 'prod', production: true },
    ],
    gitops: {
      url: mode === 'manifests' ? directory : '/nonexistent',
      refreshSeconds: 3600,
    },
  },
});

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () => config,
  }),
);
backend.add(import('@backstage/plugin-catalog-backend'));
if (mode === 'manifests') {
  backend.add(
    import('@slipway/backstage-plugin-catalog-backend-module-slipway'),
  );
}
backend.start();
