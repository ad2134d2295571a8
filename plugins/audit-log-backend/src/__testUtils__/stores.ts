import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseAuditEventStore } from '../store/DatabaseAuditEventStore';

/** A migrated store on a fresh database of the given kind, and the knex behind it for direct inspection. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseAuditEventStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}
