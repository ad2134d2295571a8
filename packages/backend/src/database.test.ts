import { TestDatabases } from '@backstage/backend-test-utils';

/*
 * The pattern every Slipway store test follows: the same test body on SQLite and on a real PostgreSQL.
 * PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (CI sets it and fails without it).
 */
jest.setTimeout(60_000);

describe('backend database', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'creates, writes and queries a table on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.increments('id');
        table.string('name').notNullable().unique();
        table.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
      });

      await knex('probe').insert([{ name: 'alpha' }, { name: 'beta' }]);
      await expect(knex('probe').insert({ name: 'alpha' })).rejects.toThrow();

      const rows = await knex('probe')
        .select('name')
        .where('name', 'like', '%a')
        .orderBy('name');
      expect(rows).toEqual([{ name: 'alpha' }, { name: 'beta' }]);

      const client = knex.client.config.client;
      expect(client).toBe(databaseId === 'SQLITE_3' ? 'better-sqlite3' : 'pg');
    },
  );
});
