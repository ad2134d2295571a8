import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { NewsStore } from './NewsStore';

jest.setTimeout(60_000);

describe('NewsStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'lists the newest first, in a stable order within one moment, with or without a link, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new NewsStore(knex);
      const item = (id: string, publishedAt: string, link?: string) => ({
        id: `00000000-0000-4000-8000-00000000000${id}`,
        title: `News ${id}`,
        body: `Text of ${id}`,
        ...(link ? { link } : {}),
        author: 'user:default/carol',
        publishedAt,
      });
      const first = item('1', '2026-11-01T09:00:00.000Z', '/docs/news');
      const second = item('2', '2026-11-20T09:00:00.000Z');
      const third = item('3', '2026-11-20T09:00:00.000Z');
      for (const news of [second, first, third]) await store.insert(news);

      expect(await store.latest(10)).toEqual([third, second, first]);
      expect(await store.latest(1)).toEqual([third]);
    },
  );
});
