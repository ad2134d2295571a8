import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ManifestReportStore } from './ManifestReportStore';

jest.setTimeout(60_000);

describe('ManifestReportStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'steps every migration up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = ManifestReportStore.migrations;
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('slipway_manifest_problems')).toBe(
        true,
      );
      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('slipway_manifest_problems')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('slipway_manifest_reads')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the problems on each read, keeps them when a read fails, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ManifestReportStore.create(
        mockServices.database({ knex }),
      );
      const base = {
        provider: 'p',
        source: 'repo@main',
        applications: 3,
        systems: 1,
      };
      const problem = {
        path: 'a.yaml',
        line: 2,
        column: 3,
        field: 'spec',
        severity: 'error' as const,
        message: 'bad',
      };

      await store.save({
        ...base,
        revision: 'r1',
        readAt: '2026-01-01T00:00:00.000Z',
        problems: [
          problem,
          { path: 'b.yaml', severity: 'warning', message: 'w' },
        ],
      });
      await store.save({
        ...base,
        revision: 'r2',
        readAt: '2026-01-02T00:00:00.000Z',
        problems: [problem],
      });
      expect(await store.list()).toEqual([
        {
          ...base,
          revision: 'r2',
          readAt: '2026-01-02T00:00:00.000Z',
          problems: [problem],
        },
      ]);

      await store.save({
        ...base,
        readAt: '2026-01-03T00:00:00.000Z',
        error: 'git clone failed',
        problems: [],
      });
      const [report] = await store.list();
      expect(report).toMatchObject({
        error: 'git clone failed',
        problems: [problem],
      });

      const many = Array.from({ length: 1200 }, (_, i) => ({
        path: `f${i}.yaml`,
        severity: 'error' as const,
        message: 'x',
      }));
      await store.save({
        ...base,
        revision: 'r3',
        readAt: '2026-01-04T00:00:00.000Z',
        problems: many,
      });
      expect((await store.list())[0].problems).toHaveLength(1200);
    },
  );
});
