/*
 * The backend the Slipway benchmarks start in a child process: the portal's plugins as packages/backend adds them
 * (demo sign-in, catalog with the Slipway module, the demo permission policy, events, notifications, signals, the
 * audit log, slipway), on the given port, database and `slipway` configuration, plus the benchmark's own modules.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { auditLogAuditorServiceFactory } from '@slipway/backstage-plugin-audit-log-backend';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

export function startPortalBackend(options: {
  port: string;
  database: JsonObject;
  slipway: JsonObject;
  modules: BackendFeature[];
}) {
  const { port } = options;
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
            database: options.database,
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
          slipway: options.slipway,
        }),
    }),
  );
  backend.add(auditLogAuditorServiceFactory);
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('../packages/backend/src/modules/demoSignIn'));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@slipway/backstage-plugin-catalog-backend-module-slipway'),
  );
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(import('../packages/backend/src/modules/permissionPolicy'));
  backend.add(import('@backstage/plugin-events-backend'));
  // As in the portal: every finished run notifies its requester.
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
  backend.add(import('@slipway/backstage-plugin-slipway-backend'));
  for (const module of options.modules) backend.add(module);
  backend.start();
}
