import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readSlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { z } from 'zod';
import { ActionRegistry } from './ActionRegistry';
import { recoverStaleRuns } from './recoverStaleRuns';
import { RunStore } from './RunStore';

jest.setTimeout(60_000);

const config = readSlipwayConfig(
  new ConfigReader({
    slipway: {
      environments: [{ name: 'dev' }],
      gitops: { url: '/nonexistent' },
    },
  }),
);

const registry = new ActionRegistry();
registry.addAction({
  id: 'noop',
  title: 'No-op',
  description: 'Does nothing',
  parameters: z.object({}),
  mutating: true,
  timeoutSeconds: 30,
  resumable: true,
  defaultExecutor: 'test',
});

describe('recoverStaleRuns', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'leaves a late-beating run alone on the instance that executes it, and requeues it elsewhere, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new RunStore(knex);
      const id = '00000000-0000-4000-8000-00000000aaaa';
      await store.insert({
        id,
        action: 'noop',
        entityRef: 'component:default/checkout',
        environment: 'dev',
        parameters: {},
        requester: 'user:default/alice',
        idempotencyKey: 'late-heartbeat',
        mutating: true,
        status: 'pending',
      });
      await store.claim(id, 'busy-instance');
      // Its instance was too busy to beat for a minute (a blocked event loop), but is still executing the run.
      await knex('slipway_runs')
        .where({ id })
        .update({ heartbeat_at: new Date(Date.now() - 60_000) });
      const deps = {
        store,
        registry,
        config,
        auditor: mockServices.auditor.mock({
          createEvent: async () => ({
            success: async () => {},
            fail: async () => {},
          }),
        }),
        logger: mockServices.logger.mock(),
        timing: {
          pollMs: 1000,
          heartbeatMs: 1000,
          staleMs: 5000,
          maxAttempts: 3,
          maxConcurrent: 10,
        },
      };

      await recoverStaleRuns({ ...deps, executing: new Set([id]) });
      expect(await store.get(id)).toMatchObject({
        status: 'running',
        attempts: 1,
      });

      await recoverStaleRuns({ ...deps, executing: new Set() });
      expect(await store.get(id)).toMatchObject({ status: 'pending' });
    },
  );
});
