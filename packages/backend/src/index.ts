/*
 * The Slipway demo backend: Backstage's standard plugins plus the Slipway suite, on the new backend system.
 * SQLite by default (app-config.yaml), PostgreSQL in production (app-config.production.yaml).
 */
import { createBackend } from '@backstage/backend-defaults';
import { auditLogAuditorServiceFactory } from '@slipway/backstage-plugin-audit-log-backend';

const backend = createBackend();

// Every plugin's audit events are stored in the audit log, and still logged (docs/audit-log.md).
backend.add(auditLogAuditorServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: the demo provider locally, GitHub in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('./modules/demoSignIn'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Demo only: creates the local GitOps repository from examples/gitops on first start.
backend.add(import('./modules/demoGitops'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-permission-backend'));
// The demo's policy: owners act on their applications, platform admins everywhere (docs/permissions.md).
backend.add(import('./modules/permissionPolicy'));

// Search: PostgreSQL's full-text engine in production, the in-memory Lunr engine on SQLite.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Events let catalog and signals react to changes across backend instances.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@slipway/backstage-plugin-slipway-backend'));
backend.add(import('@slipway/backstage-plugin-catalog-backend-module-slipway'));
backend.add(
  import('@slipway/backstage-plugin-scaffolder-backend-module-slipway'),
);
backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
backend.start();
