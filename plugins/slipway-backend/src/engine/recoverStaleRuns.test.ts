import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  claimedNoopRun,
  engineTestConfig,
  noopAction,
} from '../__testUtils__/engine';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { ActionRegistry } from './ActionRegistry';
import { recoverStaleRuns } from './recoverStaleRuns';
import { RunStore } from './RunStore';

jest.setTimeout(60_000);

const config = engineTestConfig([{ name: 'dev' }]);

const registry = new ActionRegistry();
registry.addAction(noopAction({ mutating: true }));

describe('recoverStaleRuns', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  /** A mutating run claimed by `worker`, on a migrated database. */
  async function runningRun(
    databaseId: Parameters<typeof databases.init>[0],
    id: string,
    worker: string,
  ) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const store = new RunStore(knex);
    await claimedNoopRun(store, { id, worker, mutating: true });
    return { knex, store, id };
  }

  it.each(databases.eachSupportedId())(
    'leaves a late-beating run alone on the instance that executes it, and requeues it elsewhere, on %p',
    async databaseId => {
      const { knex, store, id } = await runningRun(
        databaseId,
        '00000000-0000-4000-8000-00000000aaaa',
        'busy-instance',
      );
      // Its instance was too busy to beat for a minute (a blocked event loop), but is still executing the run.
      await knex('slipway_runs')
        .where({ id })
        .update({ heartbeat_at: new Date(Date.now() - 60_000) });
      const deps = {
        store,
        registry,
        config,
        auditor: recordingAuditor().auditor,
        logger: mockServices.logger.mock(),
        worker: 'rescuer',
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

  it.each(databases.eachSupportedId())(
    'settles a run only with its audit event: a rescuer that cannot audit leaves it for the next, on %p',
    async databaseId => {
      const { knex, store, id } = await runningRun(
        databaseId,
        '00000000-0000-4000-8000-00000000bbbb',
        'dead-instance',
      );
      const age = () =>
        knex('slipway_runs')
          .where({ id })
          .update({ heartbeat_at: new Date(Date.now() - 60_000) });
      await age();
      const events: string[] = [];
      const deps = (worker: string, auditWorks: boolean) => ({
        store,
        registry,
        config,
        worker,
        executing: new Set<string>(),
        auditor: mockServices.auditor.mock({
          createEvent: async ({ eventId }) => {
            // The audit log is down, or the instance dies here: either way the event is not written.
            if (!auditWorks) throw new Error('audit log unavailable');
            events.push(`${eventId} initiated`);
            return {
              success: async () => void events.push(`${eventId} succeeded`),
              fail: async () => void events.push(`${eventId} failed`),
            };
          },
        }),
        logger: mockServices.logger.mock(),
        timing: {
          pollMs: 1000,
          heartbeatMs: 1000,
          staleMs: 5000,
          maxAttempts: 3,
          maxConcurrent: 10,
        },
      });

      await expect(
        recoverStaleRuns(deps('first-rescuer', false)),
      ).rejects.toThrow('audit log unavailable');
      // Not settled: the first rescuer holds it with a fresh heartbeat, so nobody settles it unaudited meanwhile.
      expect(await store.get(id)).toMatchObject({ status: 'running' });
      expect(events).toEqual([]);
      await recoverStaleRuns(deps('second-rescuer', true));
      expect(await store.get(id)).toMatchObject({ status: 'running' });

      // Once the first rescuer's heartbeat is old too, the next one settles the run, with its event.
      await age();
      await recoverStaleRuns(deps('second-rescuer', true));
      expect(await store.get(id)).toMatchObject({ status: 'pending' });
      expect(events).toEqual([
        'slipway-run-recovery initiated',
        'slipway-run-recovery succeeded',
      ]);
    },
  );
});
