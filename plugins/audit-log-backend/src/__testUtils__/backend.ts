import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { auditLogAuditorServiceFactory } from '../auditor/auditorServiceFactory';
import { auditLogPlugin } from '../plugin';
import { AuditRecord } from '../types';
import { createTestStore } from './stores';

/**
 * Starts a backend with the audit-log plugin and its auditor on a fresh database whose chain already holds the
 * given records (appended in order, so record i has sequence i + 1).
 */
export async function startAuditLogBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  records?: AuditRecord[];
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const { knex, store } = await createTestStore(
    options.databases,
    options.databaseId,
  );
  for (const record of options.records ?? []) {
    await store.append(record);
  }
  const backend = await startTestBackend({
    features: [
      mockServices.database.factory({ knex }),
      auditLogAuditorServiceFactory,
      auditLogPlugin,
      ...(options.features ?? []),
    ],
  });
  return { ...backend, knex };
}
