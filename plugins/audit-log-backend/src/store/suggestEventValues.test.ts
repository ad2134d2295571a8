import { TestDatabases } from '@backstage/backend-test-utils';
import { makeRecord } from '../__testUtils__/records';
import { createTestStore } from '../__testUtils__/stores';
import { suggestEventValues } from './suggestEventValues';

jest.setTimeout(60_000);

const alice = { type: 'user' as const, id: 'user:default/alice' };
const bob = { type: 'user' as const, id: 'user:default/bob' };
const search = { type: 'service' as const, id: 'plugin:search' };

/**
 * Seq 1–3: search reads the catalog; 4: bob restarts checkout-api; 5: an anonymous read; 6–7: alice reads and
 * changes checkout-api; 8: the scaffolder runs a task for alice, about another component.
 */
const records = [
  { actor: search, plugin: 'catalog', eventId: 'entity-fetch' },
  { actor: search, plugin: 'catalog', eventId: 'entity-fetch' },
  { actor: search, plugin: 'catalog', eventId: 'entity-facets' },
  { actor: bob, plugin: 'slipway', eventId: 'restart', severity: 'high' },
  {
    actor: { type: 'none' as const },
    plugin: 'catalog',
    eventId: 'entity-fetch',
  },
  { actor: alice, plugin: 'catalog', eventId: 'entity-fetch' },
  {
    actor: alice,
    plugin: 'catalog',
    eventId: 'entity-mutate',
    severity: 'medium',
  },
  {
    actor: alice,
    plugin: 'scaffolder',
    eventId: 'task',
    severity: 'medium',
    entityRefs: ['component:default/other'],
  },
].map(
  ({
    severity = 'low',
    entityRefs = ['component:default/checkout-api'],
    ...rest
  }) =>
    makeRecord({
      ...rest,
      severity: severity as 'low' | 'medium' | 'high',
      entityRefs,
    }),
);

describe('suggestions for the filters', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'lists actors and actions, the most recently seen first, within the filters and access, on %p',
    async databaseId => {
      const { knex, store } = await createTestStore(databases, databaseId);
      for (const record of records) {
        await store.append(record);
      }

      expect(await store.suggest({ filters: {} })).toEqual({
        // Anonymous events name nobody to suggest.
        actors: [alice, bob, search],
        actions: [
          { plugin: 'scaffolder', eventId: 'task' },
          { plugin: 'catalog', eventId: 'entity-mutate' },
          { plugin: 'catalog', eventId: 'entity-fetch' },
          { plugin: 'slipway', eventId: 'restart' },
          { plugin: 'catalog', eventId: 'entity-facets' },
        ],
      });

      // An entity's Activity tab without reads.
      expect(
        await store.suggest({
          filters: {
            entityRef: 'component:default/checkout-api',
            minSeverity: 'medium',
          },
        }),
      ).toEqual({
        actors: [alice, bob],
        actions: [
          { plugin: 'catalog', eventId: 'entity-mutate' },
          { plugin: 'slipway', eventId: 'restart' },
        ],
      });

      // A reader who may see only Slipway's events learns of nobody else.
      expect(
        await store.suggest({
          filters: {},
          access: { kind: 'fromPlugins', pluginIds: ['slipway'] },
        }),
      ).toEqual({
        actors: [bob],
        actions: [{ plugin: 'slipway', eventId: 'restart' }],
      });

      // Only the latest events are read, and the lists are bounded.
      expect(
        await suggestEventValues(knex, { filters: {} }, { eventWindow: 3 }),
      ).toEqual({
        actors: [alice],
        actions: [
          { plugin: 'scaffolder', eventId: 'task' },
          { plugin: 'catalog', eventId: 'entity-mutate' },
          { plugin: 'catalog', eventId: 'entity-fetch' },
        ],
      });
      expect(
        await suggestEventValues(knex, { filters: {} }, { max: 1 }),
      ).toEqual({
        actors: [alice],
        actions: [{ plugin: 'scaffolder', eventId: 'task' }],
      });

      // A time range after every event suggests nothing.
      expect(
        await store.suggest({
          filters: { from: new Date(Date.UTC(2100, 0, 1)) },
        }),
      ).toEqual({ actors: [], actions: [] });
    },
  );
});
