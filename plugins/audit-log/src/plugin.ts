import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { auditLogApiRef, AuditLogClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The audit-log frontend plugin.
 *
 * @public
 */
export const auditLogPlugin = createPlugin({
  id: 'audit-log',
  apis: [
    createApiFactory({
      api: auditLogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AuditLogClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Audit log page: every event the reader may see, with filters kept in the URL, paging, details, export and
 * the chain's verification status.
 *
 * @public
 */
export const AuditLogPage = auditLogPlugin.provide(
  createRoutableExtension({
    name: 'AuditLogPage',
    component: () =>
      import('./components/AuditLogPage').then(m => m.AuditLogPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * An entity page tab ("Activity") with the audit events about the current entity.
 *
 * @public
 */
export const EntityAuditLogContent = auditLogPlugin.provide(
  createRoutableExtension({
    name: 'EntityAuditLogContent',
    component: () =>
      import('./components/EntityAuditLogContent').then(
        m => m.EntityAuditLogContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);
