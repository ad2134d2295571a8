/**
 * Slipway's audit log for Backstage's new frontend system: the Audit log page, the Activity tab of every entity
 * page, and the API client. Installed by feature discovery (`app.packages: all`) or
 * `createApp({ features: [auditLogPlugin] })`.
 *
 * @packageDocumentation
 */
import AuditLogIcon from '@material-ui/icons/History';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { auditLogApiRef, AuditLogClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** The client of the audit log's backend. @alpha */
export const auditLogApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: auditLogApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AuditLogClient(deps),
    }),
});

/** The Audit log page at `/audit-log`; its title and icon make the nav item. @alpha */
export const auditLogPage = PageBlueprint.make({
  params: {
    path: '/audit-log',
    routeRef: rootRouteRef,
    title: 'Audit log',
    icon: <AuditLogIcon fontSize="inherit" />,
    loader: () =>
      import('./components/AuditLogPage').then(m => (
        <m.AuditLogPage header={false} />
      )),
  },
});

/** The Activity tab of every entity page: the audit events about the entity. @alpha */
export const auditLogEntityContent = EntityContentBlueprint.make({
  name: 'activity',
  params: {
    path: 'activity',
    title: 'Activity',
    routeRef: entityContentRouteRef,
    icon: <AuditLogIcon fontSize="inherit" />,
    loader: () =>
      import('./components/EntityAuditLogContent').then(m => (
        <m.EntityAuditLogContent />
      )),
  },
});

/** The audit log's frontend plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'audit-log',
  title: 'Audit log',
  icon: <AuditLogIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [auditLogApi, auditLogPage, auditLogEntityContent],
});
