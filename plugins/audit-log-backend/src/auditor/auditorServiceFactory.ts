import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { auditLogRecorderServiceRef } from './auditLogRecorderServiceRef';
import { PersistentAuditorService } from './PersistentAuditorService';
import { readSeverityLogLevels } from './severityLogLevels';

/**
 * Replaces `coreServices.auditor` for every plugin of the backend: audit events are still logged as Backstage's
 * default auditor logs them, and are stored in the audit log. Install it once, next to the audit-log plugin:
 *
 * ```ts
 * backend.add(auditLogAuditorServiceFactory);
 * backend.add(import('@slipway/backstage-plugin-audit-log-backend'));
 * ```
 *
 * @public
 */
export const auditLogAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    plugin: coreServices.pluginMetadata,
    recorder: auditLogRecorderServiceRef,
  },
  createRootContext({ config }) {
    return { severityLogLevels: readSeverityLogLevels(config) };
  },
  factory({ logger, auth, httpAuth, plugin, recorder }, { severityLogLevels }) {
    return new PersistentAuditorService({
      pluginId: plugin.getId(),
      auth,
      httpAuth,
      logger,
      severityLogLevels,
      recorder,
    });
  },
});
