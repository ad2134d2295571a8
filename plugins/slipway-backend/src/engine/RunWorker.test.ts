import { MIGRATIONS_DIRECTORY } from '../database/slipwayDatabase';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';
import { TestGitOps } from '@slipway/backstage-plugin-slipway-node/testing';
import {
  claimedNoopRun,
  engineTestConfig,
  noopAction,
} from '../__testUtils__/engine';
import { applicationEntity } from '../__testUtils__/entities';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionRegistry } from './ActionRegistry';
import { RunStore } from './RunStore';
import { RunWorker } from './RunWorker';

jest.setTimeout(120_000);

const config = engineTestConfig([
  { name: 'dev' },
  { name: 'prod', production: true },
]);

// The application, declared in a GitOps repository as the catalog module would have read it.
const gitops = new TestGitOps();
const [checkout] = gitops.declare([applicationEntity('checkout')]);
afterAll(() => gitops.remove());
const applications = new ApplicationCatalog(
  { getEntityByRef: async () => checkout } as unknown as CatalogService,
  gitops.service(config.environments),
  mockServices.auth(),
);

const { auditor } = recordingAuditor();

/** One "backend instance": its own store (and, on PostgreSQL, its own connection pool) and worker. */
function instance(
  knex: Knex,
  executions: Map<string, string[]>,
  name: string,
  maxConcurrent = 100,
) {
  const registry = new ActionRegistry();
  registry.addAction(noopAction({ description: 'Does nothing, slowly' }));
  registry.addExecutor({
    id: 'test',
    action: 'noop',
    async execute(ctx) {
      executions.set(ctx.run.id, [...(executions.get(ctx.run.id) ?? []), name]);
      await new Promise(r => setTimeout(r, 5));
      return { summary: `done by ${name}` };
    },
  });
  const store = new RunStore(knex);
  const worker = new RunWorker({
    store,
    registry,
    applications,
    auditor,
    config,
    logger: mockServices.logger.mock(),
    timing: { pollMs: 15, heartbeatMs: 50, staleMs: 5000, maxConcurrent },
  });
  return { store, worker };
}

describe('RunWorker', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'never executes a run twice when two instances race for it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      // On PostgreSQL the second instance gets its own connections, as a second replica would.
      const other =
        databaseId === 'POSTGRES_15' ? knexFactory(knex.client.config) : knex;
      const executions = new Map<string, string[]>();
      const a = instance(knex, executions, 'a');
      const b = instance(other, executions, 'b');
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
        ids.push(id);
        await a.store.insert({
          id,
          action: 'noop',
          entityRef: 'component:default/checkout',
          environment: 'dev',
          parameters: {},
          requester: 'user:default/alice',
          idempotencyKey: `race-key-${i}`,
          mutating: false,
          status: 'pending',
        });
      }
      a.worker.start();
      b.worker.start();
      try {
        for (let i = 0; i < 400; i++) {
          const runs = await Promise.all(ids.map(id => a.store.get(id)));
          if (runs.every(r => r?.status === 'succeeded')) break;
          await new Promise(r => setTimeout(r, 50));
        }
      } finally {
        await Promise.all([a.worker.stop(), b.worker.stop()]);
        if (other !== knex) await other.destroy();
      }
      const runs = await Promise.all(ids.map(id => a.store.get(id)));
      expect(runs.map(r => r?.status)).toEqual(ids.map(() => 'succeeded'));
      expect(ids.map(id => executions.get(id)?.length)).toEqual(
        ids.map(() => 1),
      );
      expect(runs.every(r => r!.attempts === 1)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'executes a run recorded in a reserved slot at once, and counts reserved slots against maxConcurrent, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const executions = new Map<string, string[]>();
      const { store, worker } = instance(knex, executions, 'a', 1);
      expect(worker.reserveSlot()).toBeUndefined(); // not started
      worker.start();
      try {
        const slot = worker.reserveSlot()!;
        expect(slot.worker).toBe(worker.id);
        // The only slot is promised: a second run waits as pending, and the poll does not take one either.
        expect(worker.reserveSlot()).toBeUndefined();
        const newRun = (i: number) => ({
          id: `00000000-0000-4000-9100-${String(i).padStart(12, '0')}`,
          action: 'noop',
          entityRef: 'component:default/checkout',
          environment: 'dev',
          parameters: {},
          requester: 'user:default/alice',
          idempotencyKey: `slot-key-${i}`,
          mutating: false,
          status: 'pending' as const,
        });
        const recorded = await store.insert({
          ...newRun(1),
          claimedBy: slot.worker,
        });
        const queued = await store.insert(newRun(2));
        if (recorded.kind !== 'recorded' || queued.kind !== 'recorded')
          throw new Error('not recorded');
        expect(recorded.run).toMatchObject({ status: 'running', attempts: 1 });
        worker.poll();
        const application = await applications.verify(checkout);
        slot.execute(recorded.run, application);
        for (let i = 0; i < 400; i++) {
          const runs = await Promise.all(
            [1, 2].map(n => store.get(newRun(n).id)),
          );
          if (runs.every(r => r?.status === 'succeeded')) break;
          await new Promise(r => setTimeout(r, 25));
        }
        const [first, second] = await Promise.all(
          [1, 2].map(n => store.get(newRun(n).id)),
        );
        // The slotted run was never claimed again (attempt 1); the queued one was claimed once its slot was free.
        expect(first).toMatchObject({ status: 'succeeded', attempts: 1 });
        expect(second).toMatchObject({ status: 'succeeded', attempts: 1 });
        expect(executions.get(first!.id)).toEqual(['a']);
        expect(executions.get(second!.id)).toEqual(['a']);
        const released = worker.reserveSlot()!;
        released.release();
        expect(worker.reserveSlot()).toBeDefined();
      } finally {
        await worker.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'recovers stale runs in a local task of the scheduler, once the worker runs, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const executions = new Map<string, string[]>();
      const { store, worker } = instance(knex, executions, 'a');
      const tasks: Parameters<SchedulerService['scheduleTask']>[0][] = [];
      await worker.schedule({
        scheduleTask: async task => {
          tasks.push(task);
        },
      } as SchedulerService);
      expect(tasks).toEqual([
        expect.objectContaining({
          id: 'slipway-run-recovery',
          scope: 'local',
          // max(pollMs 15, staleMs 5000 / 3)
          frequency: { milliseconds: 5000 / 3 },
        }),
      ]);

      // A run whose instance died: claimed, and no heartbeat for a minute.
      const id = '00000000-0000-4000-9000-00000000dead';
      await claimedNoopRun(store, { id, worker: 'dead-instance' });
      await knex('slipway_runs')
        .where({ id })
        .update({ heartbeat_at: new Date(Date.now() - 60_000) });

      const pass = () => tasks[0].fn(new AbortController().signal);
      // The scheduler may run a pass before the backend has started: it leaves the run alone.
      await pass();
      expect(await store.get(id)).toMatchObject({
        status: 'running',
        attempts: 1,
      });

      worker.start();
      try {
        await pass();
        for (let i = 0; i < 400; i++) {
          if ((await store.get(id))?.status === 'succeeded') break;
          await new Promise(r => setTimeout(r, 50));
        }
      } finally {
        await worker.stop();
      }
      expect(await store.get(id)).toMatchObject({
        status: 'succeeded',
        attempts: 2,
      });
      expect(executions.get(id)).toEqual(['a']);
    },
  );
});
