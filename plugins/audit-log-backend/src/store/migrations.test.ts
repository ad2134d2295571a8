import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@slipway/backstage-plugin-audit-log-backend',
  'migrations',
);
const TABLES = [
  'audit_events',
  'audit_event_entities',
  'audit_chain_head',
  'audit_chain_verification',
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'step every migration up and down, and up again, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const migrations = fs
        .readdirSync(migrationsDir)
        .filter(file => file.endsWith('.js'))
        .sort();
      expect(migrations.length).toBeGreaterThan(0);
      const config = { directory: migrationsDir };

      for (const _ of migrations) {
        await knex.migrate.up(config);
      }
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      const head = await knex('audit_chain_head').first();
      expect(Number(head.last_seq)).toBe(0);
      expect(head.last_hash).toBe('0'.repeat(64));

      for (const _ of migrations) {
        await knex.migrate.down(config);
      }
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('audit_events')).toBe(true);
      await knex.destroy();
    },
  );
});
