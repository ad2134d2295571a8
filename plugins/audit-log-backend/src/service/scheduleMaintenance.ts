import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { AuditLogConfig } from '../config';
import { AuditEventStore } from '../store/AuditEventStore';

/**
 * Schedules the background work of the audit log. The scheduler runs each task on one backend replica at a time
 * (it is coordinated through the database), so replicas do not purge or verify concurrently.
 *
 * - Retention: when `auditLog.retention.maxAge` is set, removes older events.
 * - Verification: walks the chain; the result shows in the portal, and a broken chain is logged as an error.
 */
export async function scheduleMaintenance(options: {
  store: AuditEventStore;
  scheduler: SchedulerService;
  logger: LoggerService;
  config: AuditLogConfig;
}) {
  const { store, scheduler, logger, config } = options;
  const { maxAge } = config.retention;

  if (maxAge) {
    await scheduler.scheduleTask({
      id: 'audit-log-retention',
      frequency: config.retention.frequency,
      timeout: { hours: 1 },
      initialDelay: { minutes: 5 },
      fn: async () => {
        const cutoff = new Date(Date.now() - durationToMilliseconds(maxAge));
        const { removed } = await store.purgeBefore(cutoff);
        logger.info(
          `Audit log retention removed ${removed} events older than ${cutoff.toISOString()}`,
        );
      },
    });
  }

  await scheduler.scheduleTask({
    id: 'audit-log-verification',
    frequency: config.verification.frequency,
    timeout: { hours: 1 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const result = await store.verifyChain();
      if (result.ok) {
        logger.info(
          `Audit log chain verified: events ${result.fromSeq} to ${result.toSeq} are intact`,
        );
      } else {
        logger.error(
          `Audit log chain is broken at event ${result.problem?.seq}: ${result.problem?.message}`,
        );
      }
    },
  });
}
