import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { readAuditLogConfig } from '../config';
import { Redactor } from '../redaction/Redactor';
import { AuditLogRecorder, DefaultAuditLogRecorder } from './AuditLogRecorder';

/**
 * The backend-wide {@link AuditLogRecorder}. Every plugin's auditor hands its events to it, and the audit-log plugin
 * attaches its store to it.
 *
 * @public
 */
export const auditLogRecorderServiceRef = createServiceRef<AuditLogRecorder>({
  id: 'slipway.audit-log.recorder',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      async factory({ config, logger, lifecycle }) {
        const auditLogConfig = readAuditLogConfig(config);
        // The same enumeration of `@visibility secret` values that the root logger redacts from log lines.
        const enumerateSecrets = await createConfigSecretEnumerator({ logger });
        const redactor = new Redactor({
          secretKeys: auditLogConfig.redaction.keys,
          patterns: auditLogConfig.redaction.patterns,
          secretValues: enumerateSecrets(config),
        });
        config.subscribe?.(() =>
          redactor.setSecretValues(enumerateSecrets(config)),
        );
        const recorder = new DefaultAuditLogRecorder({
          redactor,
          exclude: auditLogConfig.exclude,
        });
        lifecycle.addStartupHook(() => recorder.onBackendStarted());
        return recorder;
      },
    }),
});
