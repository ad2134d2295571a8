import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { AuditEventStore } from '../store/AuditEventStore';
import { DatabaseAuditEventStore } from '../store/DatabaseAuditEventStore';
import { makeRecord } from './records';

/** A key as `auditLog.integrity.key` takes it (at least 32 characters). */
export const TEST_INTEGRITY_KEY = 'test-integrity-key-0123456789abcdef';

/** A migrated store on a fresh database of the given kind, and the knex behind it for direct inspection. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options?: { integrityKey?: string },
) {
  const knex = await databases.init(databaseId);
  const store = await openStore(knex, options);
  return { knex, store };
}

/**
 * A store on an existing database, as a backend that starts afresh opens it: without the memory of what an
 * earlier store appended.
 */
export function openStore(knex: Knex, options?: { integrityKey?: string }) {
  return DatabaseAuditEventStore.create({
    database: { getClient: async () => knex },
    integrityKey: options?.integrityKey,
  });
}

/** Appends `count` events, one after the other, whose details number them from 1. */
export async function seed(store: AuditEventStore, count = 10) {
  for (let n = 1; n <= count; n++) {
    await store.append(makeRecord({ meta: { n } }));
  }
}
