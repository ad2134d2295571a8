/*
 * A real Slipway backend process for the database copy crash test (dbcopy/dbCopyCrash.test.ts): the slipway plugin
 * on a SQLite file, with slipway.databases pointing both environments at the test PostgreSQL and a catalog that knows
 * one application whose postgres component is `<source database>`. The test kills it with SIGKILL mid-copy.
 *
 * Usage: node -r @backstage/cli/config/nodeTransform.cjs dbCopyCrashBackend.ts <data dir> <port> <source database>
 */
import { join } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import { slipwayPlugin } from '../../plugin';
import { crashBackendConfig } from '../../__testUtils__/crashProcess';
import { applicationWithDatabase } from './copyContext';
import { PG_URL } from './postgres';

const [dataDir, port, source] = process.argv.slice(2);

// The application, declared in a GitOps repository of this process's own, as the catalog module would have read it.
// Inside the data folder: the test removes it, even after a SIGKILL.
const gitops = new TestGitOps('main', join(dataDir, 'gitops'));
const [application] = gitops.declare([
  applicationWithDatabase(source, 'crashtest'),
]);

const backend = createBackend();
backend.add(
  crashBackendConfig(dataDir, port, {
    environments: [{ name: 'dev' }, { name: 'prod', production: true }],
    gitops: { url: gitops.url },
    databases: {
      servers: {
        dev: { url: PG_URL!, sslmode: 'disable' },
        prod: { url: PG_URL!, sslmode: 'disable' },
      },
    },
  }),
);
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => ({ getEntityByRef: async () => application } as any),
  }),
);
backend.add(slipwayPlugin);
backend.start();
