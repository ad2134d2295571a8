import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { auditLogPermissions } from '@slipway/backstage-plugin-audit-log-common';
import { auditLogRecorderServiceRef } from './auditor/auditLogRecorderServiceRef';
import { readAuditLogConfig } from './config';
import { EntityOwnership } from './permissions/EntityOwnership';
import { auditLogEventResourceRef } from './permissions/resourceRef';
import { auditLogEventPermissionRules } from './permissions/rules';
import { createRouter } from './router/createRouter';
import { AuditLogService } from './service/AuditLogService';
import { scheduleMaintenance } from './service/scheduleMaintenance';
import { DatabaseAuditEventStore } from './store/DatabaseAuditEventStore';

/**
 * The audit-log backend plugin: owns the audit event store, serves the review API, registers the permissions and
 * runs retention and verification. Install `auditLogAuditorServiceFactory` too, so that events reach the store.
 *
 * @public
 */
export const auditLogPlugin = createBackendPlugin({
  pluginId: 'audit-log',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        recorder: auditLogRecorderServiceRef,
      },
      async init(deps) {
        const config = readAuditLogConfig(deps.config);
        const store = await DatabaseAuditEventStore.create({
          database: deps.database,
          integrityKey: config.integrity.key,
        });
        // Events that plugins reported while this plugin was starting were waiting for this.
        deps.recorder.attachStore(store);

        const ownership = new EntityOwnership({
          catalog: deps.catalog,
          auth: deps.auth,
        });
        const service = new AuditLogService({
          store,
          permissions: deps.permissions,
          ownership,
          transformConditions: conditions =>
            createConditionTransformer(
              deps.permissionsRegistry.getPermissionRuleset(
                auditLogEventResourceRef,
              ),
            )(conditions),
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: auditLogEventResourceRef,
          permissions: auditLogPermissions,
          rules: Object.values(auditLogEventPermissionRules),
          getResources: refs => service.getResources(refs),
        });

        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
          }),
        );

        await scheduleMaintenance({
          store,
          scheduler: deps.scheduler,
          logger: deps.logger,
          config,
        });
      },
    });
  },
});
