/*
 * What the reliability scripts share: the GitOps repository, starting and killing backends, signing in, the
 * requests, and the checks that read the databases and the journal once everything has settled.
 */
import { LocalGitRepository } from '@slipway/backstage-plugin-slipway-node/testing';
import { ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { JournalLine, RESUMABLE_STEPS } from './testActions';
import { waitFor } from '../waitFor';

export { waitFor };

export const FINAL = [
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
  'rejected',
  'expired',
];

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** A GitOps repository of `apps` applications owned by payments (alice's team), each with dev ahead of staging. */
export function gitopsRepository(apps: number): LocalGitRepository {
  const repo = new LocalGitRepository('main');
  const files: Record<string, string> = {};
  for (let i = 0; i < apps; i++)
    files[
      `apps/soak-app-${i}.yaml`
    ] = `apiVersion: slipway.dev/v1alpha1\nkind: Application\nmetadata: { name: soak-app-${i} }\nspec:\n  type: service\n  owner: group:default/payments\n  system: payments\n  image: registry.example.com/soak\n  environments:\n    dev: { version: "2.0.0" }\n    staging: { version: "1.0.0" }\n`;
  repo.commit(files, 'Soak applications');
  return repo;
}

/** The database settings a backend and the checks share: one PostgreSQL prefix, or one SQLite folder. */
export interface Databases {
  env: Record<string, string>;
  connect(pluginId: string): Knex;
  drop(): Promise<void>;
  name: string;
}

export function databases(kind: string, folder: string): Databases {
  if (kind === 'sqlite')
    return {
      name: 'SQLite',
      env: { BENCH_SQLITE_DIR: folder },
      connect: pluginId =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: join(folder, `${pluginId}.sqlite`) },
          useNullAsDefault: true,
        }),
      drop: async () => undefined,
    };
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg)
    throw new Error(
      'PostgreSQL: source .ci/env.sh first (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    );
  const prefix = `bench_reliability_${process.pid}_`;
  const connect = (database?: string) =>
    knexFactory({
      client: 'pg',
      connection: database
        ? Object.assign(new URL(pg), { pathname: `/${database}` }).toString()
        : pg,
    });
  return {
    name: 'PostgreSQL',
    env: { BENCH_PG: pg, BENCH_PG_PREFIX: prefix },
    connect: pluginId => connect(`${prefix}${pluginId}`),
    drop: async () => {
      const knex = connect();
      try {
        const { rows } = await knex.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows)
          await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
      } finally {
        await knex.destroy();
      }
    },
  };
}

export class Backend {
  private child?: ChildProcess;
  private exited?: Promise<unknown>;
  readonly base: string;

  constructor(
    readonly port: number,
    private readonly options: {
      gitops: string;
      journal: string;
      env: Record<string, string>;
    },
  ) {
    this.base = `http://localhost:${port}`;
  }

  start() {
    const child = fork(
      resolve(__dirname, 'backend.ts'),
      [String(this.port), this.options.gitops, this.options.journal],
      {
        execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
        stdio: process.env.BENCH_VERBOSE
          ? ['ignore', 'inherit', 'inherit', 'ipc']
          : ['ignore', 'ignore', 'ignore', 'ipc'],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          ...this.options.env,
        },
      },
    );
    this.child = child;
    this.exited = new Promise(r => child.once('exit', r));
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. */
  async kill() {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop() {
    this.child?.kill('SIGINT');
    await Promise.race([this.exited, sleep(15_000)]);
    await this.kill();
  }

  /** Until it answers a signed-in request for the environments of an application (the last one the catalog takes in). */
  async ready(token: () => Promise<string>, app = 0) {
    await waitFor(`the backend on port ${this.port}`, async () => {
      const res = await fetch(
        `${this.base}/api/slipway/applications/default/soak-app-${app}/environments`,
        {
          headers: { Authorization: `Bearer ${await token()}` },
        },
      );
      return res.ok ? true : undefined;
    });
  }

  async signIn(user: string): Promise<string> {
    return waitFor(`sign-in as ${user}`, async () => {
      const res = await fetch(`${this.base}/api/auth/demo/refresh`, {
        headers: {
          'X-Requested-With': 'XMLHttpRequest',
          'x-slipway-demo-user': user,
        },
      });
      return res.ok
        ? (((await res.json()) as any).backstageIdentity.token as string)
        : undefined;
    });
  }

  /** Requests a run; `undefined` when the backend did not answer (down) so that the caller retries the same key. */
  async requestRun(
    token: string,
    run: { action: string; app: number; environment: string; key: string },
  ): Promise<{ status: number; id?: string } | undefined> {
    try {
      const res = await fetch(`${this.base}/api/slipway/runs`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          action: run.action,
          entityRef: `component:default/soak-app-${run.app}`,
          environment: run.environment,
          parameters: {},
          idempotencyKey: run.key,
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as any;
      if (res.status >= 500) return undefined;
      return { status: res.status, id: body.id };
    } catch {
      return undefined;
    }
  }
}

/** Journal lines, by run. */
export function readJournal(file: string): Map<string, JournalLine[]> {
  const byRun = new Map<string, JournalLine[]>();
  if (!existsSync(file)) return byRun;
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    let line: JournalLine;
    try {
      line = JSON.parse(text);
    } catch {
      continue; // a line cut by kill -9 mid-write: the step was not reached as a whole, it is re-executed
    }
    byRun.set(line.run, [...(byRun.get(line.run) ?? []), line]);
  }
  return byRun;
}

export interface RunRow {
  id: string;
  action: string;
  status: string;
  attempts: number;
  entity_ref: string;
  environment: string;
  idempotency_key: string;
  error: string | null;
}

/** Every check of the scripts, on the settled state; each figure is a count (0 where it must be 0). */
export async function settledFigures(options: {
  slipway: Knex;
  audit: Knex;
  journal: string;
  repo: LocalGitRepository;
}) {
  const runs: RunRow[] = await options.slipway('slipway_runs').select();
  const byStatus: Record<string, number> = {};
  for (const run of runs)
    byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
  const notFinal = runs.filter(run => !FINAL.includes(run.status));

  // Audit: every run's request, and the event that says how it ended.
  const events: { event_id: string; status: string; meta: string }[] =
    await options
      .audit('audit_events')
      .where('plugin_id', 'slipway')
      .select('event_id', 'status', 'meta');
  const eventsOf = new Map<string, { eventId: string; status: string }[]>();
  for (const e of events) {
    const runId = JSON.parse(e.meta ?? '{}').runId;
    if (!runId) continue;
    eventsOf.set(runId, [
      ...(eventsOf.get(runId) ?? []),
      { eventId: e.event_id, status: e.status },
    ]);
  }
  const has = (id: string, eventId: string, status: string) =>
    (eventsOf.get(id) ?? []).some(
      e => e.eventId === eventId && e.status === status,
    );
  const noRequestEvent = runs.filter(
    run => !has(run.id, 'slipway-run-request', 'initiated'),
  );
  const noOutcomeEvent = runs.filter(run => {
    if (run.status === 'succeeded')
      return !has(run.id, 'slipway-run-execution', 'succeeded');
    // Recovery writes its event (naming the outcome) before it settles the run; its success or failure may be cut.
    if (run.status === 'interrupted')
      return (
        !has(run.id, 'slipway-run-recovery', 'initiated') &&
        !has(run.id, 'slipway-run-execution', 'failed')
      );
    if (run.status === 'failed')
      return !has(run.id, 'slipway-run-execution', 'failed');
    return false;
  });

  // Executions, from the executors' own journal.
  const journal = readJournal(options.journal);
  let executedTwice = 0;
  let stepsReexecuted = 0;
  let resumableStepsLost = 0;
  for (const run of runs) {
    const lines = journal.get(run.id) ?? [];
    if (run.action === 'soak-resumable') {
      for (let step = 1; step <= RESUMABLE_STEPS; step++) {
        const n = lines.filter(l => l.what === `step-${step}`).length;
        if (n > 1) stepsReexecuted += n - 1;
        if (run.status === 'succeeded' && n === 0) resumableStepsLost++;
      }
    } else if (run.action.startsWith('soak-')) {
      if (lines.filter(l => l.what === 'execute').length > 1) executedTwice++;
    }
  }
  // Promote: each application's staging changed by at most one commit, and to 2.0.0 when its promote succeeded.
  let promotesCommittedTwice = 0;
  let promotesNotInRepository = 0;
  for (const run of runs.filter(r => r.action === 'promote')) {
    const app = run.entity_ref.split('/')[1];
    const commits =
      options.repo
        .inspect('log', '--format=%H', 'main', '--', `apps/${app}.yaml`)
        .trim()
        .split('\n').length - 1; // the first is the one that added it
    if (commits > 1) promotesCommittedTwice++;
    const declares = /staging:\s*\{?\s*version:\s*"?2\.0\.0/.test(
      options.repo.inspect('show', `main:apps/${app}.yaml`),
    );
    if (run.status === 'succeeded' && !declares) promotesNotInRepository++;
  }
  const failures: Record<string, number> = {};
  for (const run of runs.filter(
    r => r.status === 'failed' || r.status === 'interrupted',
  )) {
    const why = `${run.action} ${run.status}: ${String(run.error ?? '').slice(
      0,
      120,
    )}`;
    failures[why] = (failures[why] ?? 0) + 1;
  }
  return {
    runs,
    byStatus,
    failures,
    notFinal: notFinal.length,
    noRequestEvent: noRequestEvent.length,
    noOutcomeEvent: noOutcomeEvent.map(
      r => `${r.id} (${r.action}, ${r.status})`,
    ),
    executedTwice,
    stepsReexecuted,
    resumableStepsLost,
    promotesCommittedTwice,
    promotesNotInRepository,
  };
}

/** The audit chain, verified by the audit log itself (as a platform admin asks for it). */
export async function verifyChain(backend: Backend) {
  const token = await backend.signIn('carol');
  const res = await fetch(`${backend.base}/api/audit-log/verification`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as any;
  if (!res.ok)
    throw new Error(`verification: ${res.status} ${JSON.stringify(body)}`);
  return body as { ok: boolean; checkedEvents: number; problem?: unknown };
}

/** Prints the counts that must be 0 (marking those that are not) and why runs failed; exit code 1 unless all are 0. */
export function reportMustBeZero(
  counts: Record<string, number>,
  failures: Record<string, number>,
  detail: string[] = [],
) {
  for (const [what, n] of Object.entries(counts))
    console.log(`${what}: ${n}${n ? '  <-- must be 0' : ''}`);
  if (detail.length) console.log(`  ${detail.slice(0, 10).join('\n  ')}`);
  for (const [why, n] of Object.entries(failures))
    console.log(`  ${n} × ${why}`);
  if (Object.values(counts).some(n => n)) process.exitCode = 1;
}
