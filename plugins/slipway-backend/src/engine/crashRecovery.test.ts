import { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { forkBackend, until } from '../__testUtils__/crashProcess';
import { RunStore } from './RunStore';

jest.setTimeout(180_000);

/** A real backend process (see __testUtils__/crashBackend.ts). */
const startBackend = (dataDir: string, port: number) =>
  forkBackend(resolve(__dirname, '../__testUtils__/crashBackend.ts'), [
    dataDir,
    String(port),
  ]);

describe('crash recovery', () => {
  let dataDir: string;
  let knex: Knex | undefined;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'slipway-crash-'));
  });
  afterEach(async () => {
    children.forEach(child => child.kill('SIGKILL'));
    await knex?.destroy();
    knex = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function storeOf() {
    const file = join(dataDir, 'slipway.sqlite');
    await until('the first backend to create its database', async () => {
      if (!existsSync(file)) return false;
      knex ??= knexFactory({
        client: 'better-sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      });
      return knex.schema.hasTable('slipway_runs').catch(() => false);
    });
    return new RunStore(knex!);
  }

  const marker = () =>
    existsSync(join(dataDir, 'marker'))
      ? readFileSync(join(dataDir, 'marker'), 'utf8')
          .split('\n')
          .filter(Boolean)
      : [];

  it.each([
    ['resumable', 'succeeded', ['step-1', 'step-2']],
    ['fragile', 'interrupted', ['step-1']],
  ])(
    'a %s run whose backend is killed mid-run ends %s on the next backend',
    async (action, status, steps) => {
      const first = startBackend(
        dataDir,
        7240 + (action === 'fragile' ? 1 : 0),
      );
      children.push(first);
      const store = await storeOf();
      const id =
        action === 'fragile'
          ? '00000000-0000-4000-a000-000000000002'
          : '00000000-0000-4000-a000-000000000001';
      await store.insert({
        id,
        action,
        entityRef: 'component:default/checkout',
        environment: 'dev',
        parameters: {},
        requester: 'user:default/alice',
        idempotencyKey: `crash-${action}`,
        mutating: true,
        status: 'pending',
      });

      // Killed only once step 1's checkpoint is committed: killed between the step's side effect and its
      // checkpoint, the next backend would rightly run step 1 again (checkpoints give at-least-once, see
      // docs/actions.md), and the test would assert a guarantee the engine does not make.
      await until(
        'the first backend to record the checkpoint of step 1',
        async () => (await store.getCheckpoint(id, 'step-1')) !== undefined,
      );
      expect(marker()).toHaveLength(1);
      first.kill('SIGKILL');
      await new Promise(r => first.once('exit', r));
      expect((await store.get(id))!.status).toBe('running');

      const second = startBackend(
        dataDir,
        7250 + (action === 'fragile' ? 1 : 0),
      );
      children.push(second);
      writeFileSync(join(dataDir, 'release'), '');
      await until(
        `the run to end ${status}`,
        async () => (await store.get(id))!.status === status,
      );

      const run = (await store.get(id))!;
      expect(marker().map(line => line.split(' ')[0])).toEqual(steps);
      expect(run.attempts).toBe(action === 'resumable' ? 2 : 1);
      const log = (await store.logs(id)).map(l => l.message);
      expect(log).toContainEqual(
        expect.stringMatching(
          action === 'resumable'
            ? /stopped responding \(attempt 1\); resuming from its last checkpoint$/
            : /stopped responding \(attempt 1\); marked interrupted$/,
        ),
      );
      // The lock is free again: a new run on the same application and environment is recorded.
      const next = await store.insert({
        id: '00000000-0000-4000-a000-000000000009',
        action,
        entityRef: 'component:default/checkout',
        environment: 'dev',
        parameters: {},
        requester: 'user:default/alice',
        idempotencyKey: `crash-next-${action}`,
        mutating: true,
        status: 'pending',
      });
      expect(next.kind).toBe('recorded');
    },
  );
});
