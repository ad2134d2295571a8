/*
 * The backend for `yarn bench:audit-first-page`, in its own process so that every start is cold: the demo's sign-in,
 * catalog, permission policy and the audit log, on the databases the runner seeded.
 * Usage (from firstPage.ts): firstPageBackend.ts <port> <catalog file>, database from BENCH_DATABASE (JSON).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { auditLogAuditorServiceFactory } from '@slipway/backstage-plugin-audit-log-backend';
import { resolve } from 'node:path';

const [port, catalogFile] = process.argv.slice(2);
const root = resolve(__dirname, '../..');

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
          database: JSON.parse(process.env.BENCH_DATABASE!),
        },
        auth: { environment: 'development', providers: { demo: {} } },
        permission: { enabled: true },
        catalog: {
          rules: [
            { allow: ['Component', 'System', 'Location', 'User', 'Group'] },
          ],
          locations: [
            { type: 'file', target: `${root}/catalog-info/org.yaml` },
            { type: 'file', target: catalogFile },
          ],
        },
      }),
  }),
);
backend.add(auditLogAuditorServiceFactory);
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('../../packages/backend/src/modules/demoSignIn'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('../../packages/backend/src/modules/permissionPolicy'));
backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
backend.start();
