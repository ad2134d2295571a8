/*
 * bench/actions: the action engine's overhead under load. 200 concurrent clients on loopback each request runs of a
 * no-op action (validate → authorize with the demo policy → de-duplicate → record with audit events → claim →
 * execute); it prints p50/p95 from the request to the executor's start, and the same for a plain authenticated GET
 * of the same backend, measured in the same run, and their ratio.
 *
 *   yarn bench:actions [clients] [requests per client]     (BENCH_PG=postgresql://… for PostgreSQL instead of SQLite)
 *
 * Goals (issue 15), on SQLite and PostgreSQL: a 200-client burst's p95 ≤ 2 × the GET's p95; one client's executor start
 * p95 ≤ 10 ms. Both the GET and the run path are warmed up first with as many requests as are measured.
 *
 * The `TimeoutNegativeWarning` the backend may print is not Slipway's: p-throttle 4.1.1, which
 * @backstage/plugin-notifications-backend uses to pace sendUserNotifications, computes a negative delay when a burst
 * of notifications arrives (Node then waits 1 ms). Found with NODE_OPTIONS=--trace-warnings (issue 15).
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory from 'knex';
import { waitFor } from '../waitFor';

const CLIENTS = Number(process.argv[2] ?? 200);
const PER_CLIENT = Number(process.argv[3] ?? 5);
const PORT = 7131;
const BASE = `http://localhost:${PORT}`;
const now = () => performance.timeOrigin + performance.now();
/** The plugins' databases of this run on BENCH_PG, dropped at the end. */
const PG_PREFIX = `bench_actions_${process.pid}_`;

async function dropBenchDatabases() {
  if (!process.env.BENCH_PG) return;
  const knex = knexFactory({
    client: 'pg',
    connection: process.env.BENCH_PG,
  });
  try {
    const { rows } = await knex.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${PG_PREFIX}%`],
    );
    for (const { datname } of rows)
      await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
  } finally {
    await knex.destroy();
  }
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  const gitops = mkdtempSync(join(tmpdir(), 'slipway-bench-actions-'));
  mkdirSync(join(gitops, 'apps'));
  writeFileSync(
    join(gitops, 'apps', 'bench.yaml'),
    'apiVersion: slipway.dev/v1alpha1\nkind: Application\nmetadata: { name: bench-app }\nspec:\n  type: service\n  owner: group:default/payments\n  system: payments\n  image: registry.example.com/bench\n  environments: { dev: { version: "1.0.0" }, prod: { version: "1.0.0" } }\n',
  );
  const child: ChildProcess = fork(
    resolve(__dirname, 'backend.ts'),
    [String(PORT), gitops],
    {
      execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        BENCH_PG_PREFIX: PG_PREFIX,
      },
    },
  );
  try {
    const token = await waitFor('sign-in', async () => {
      const res = await fetch(`${BASE}/api/auth/demo/refresh`, {
        headers: {
          'X-Requested-With': 'XMLHttpRequest',
          'x-slipway-demo-user': 'alice',
        },
      });
      return res.ok
        ? (((await res.json()) as any).backstageIdentity.token as string)
        : undefined;
    });
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    };
    await waitFor('the application in the catalog', async () => {
      const res = await fetch(
        `${BASE}/api/slipway/applications/default/bench-app/environments`,
        { headers },
      );
      return res.ok ? true : undefined;
    });

    const get = async () => {
      const t0 = now();
      const res = await fetch(`${BASE}/api/slipway/environments`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${res.status}`);
      return now() - t0;
    };
    const post = async (i: number, phase: string) => {
      const sentAt = now();
      const res = await fetch(`${BASE}/api/slipway/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          action: 'noop',
          entityRef: 'component:default/bench-app',
          environment: 'dev',
          parameters: { sentAt },
          idempotencyKey: `bench-${process.pid}-${phase}-${i}`,
        }),
      });
      const run = (await res.json()) as any;
      if (res.status !== 201)
        throw new Error(`POST ${res.status}: ${JSON.stringify(run)}`);
      return { id: run.id as string, sentAt, answered: now() - sentAt };
    };
    const load = async <T>(fn: (i: number) => Promise<T>) => {
      const results: T[] = [];
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let r = 0; r < PER_CLIENT; r++)
            results.push(await fn(c * PER_CLIENT + r));
        }),
      );
      return results;
    };

    const phase = (name: string) => process.stderr.write(`[bench] ${name}\n`);
    phase('warm-up');
    await load(get); // warm-up
    phase('GETs');
    const gets = await load(get);
    // Until every run has finished, asking with one request at a time (not one per run: that would be load).
    const allFinished = () =>
      waitFor(
        'all runs to finish',
        async () => {
          const res = await fetch(
            `${BASE}/api/slipway/runs?requester=me&status=pending%2Crunning&limit=1`,
            { headers },
          );
          return ((await res.json()) as any).items.length === 0
            ? true
            : undefined;
        },
        600_000,
      );
    // The run path warmed up as the GET was (its first calls are compiled by V8 as they come): as many runs, not measured.
    phase('warm-up runs');
    await load(i => post(i, 'warm-up'));
    await allFinished();
    phase('runs');
    const sent = await load(i => post(i, 'measured'));
    const measured = new Set(sent.map(run => run.id));
    phase('waiting for the runs to finish');
    await allFinished();
    const starts: number[] = [];
    const phases = {
      recorded: [] as number[],
      claimed: [] as number[],
      executing: [] as number[],
    };
    let cursor: string | undefined;
    do {
      const res = await fetch(
        `${BASE}/api/slipway/runs?requester=me&limit=100${
          cursor ? `&cursor=${cursor}` : ''
        }`,
        { headers },
      );
      const page = (await res.json()) as any;
      for (const run of page.items) {
        if (!measured.has(run.id)) continue;
        if (run.status !== 'succeeded')
          throw new Error(`run ${run.id} ${run.status}: ${run.error}`);
        starts.push(run.result.output.startedAt - run.parameters.sentAt);
        // Where the time goes: request → recorded → claimed by the worker → executor called.
        const recorded = Date.parse(run.createdAt);
        const claimed = Date.parse(run.startedAt);
        phases.recorded.push(recorded - run.parameters.sentAt);
        phases.claimed.push(claimed - recorded);
        phases.executing.push(run.result.output.startedAt - claimed);
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (starts.length !== sent.length)
      throw new Error(`found ${starts.length} runs of ${sent.length}`);

    const stats = (values: number[]) => {
      const p = (n: number) => percentile(values, n).toFixed(1);
      return (
        `p50 ${p(50)} ms, p95 ${p(95)} ms` +
        (process.env.BENCH_DETAIL ? `, p99 ${p(99)} ms, max ${p(100)} ms` : '')
      );
    };
    const answered = sent.map(run => run.answered);
    console.log(
      `${CLIENTS} concurrent clients × ${PER_CLIENT} requests on loopback, ${
        process.env.BENCH_PG ? 'PostgreSQL' : 'SQLite'
      }, ${new Date().toISOString()}`,
    );
    console.log(
      `plain authenticated GET (GET /api/slipway/environments): ${stats(gets)}`,
    );
    console.log(
      `run, request → 201 Created:                           ${stats(
        answered,
      )}`,
    );
    console.log(
      `run, request → executor start:                        ${stats(starts)}${
        CLIENTS === 1 ? ' (goal p95 ≤ 10 ms)' : ''
      }`,
    );
    if (process.env.BENCH_DETAIL)
      console.log(
        `  of which: request → recorded ${stats(
          phases.recorded,
        )}; recorded → claimed ${stats(
          phases.claimed,
        )}; claimed → executor called ${stats(phases.executing)}`,
      );
    const ratio = (n: number) =>
      (percentile(starts, n) / percentile(gets, n)).toFixed(2);
    console.log(
      `ratio executor start / GET: p50 ${ratio(50)}, p95 ${ratio(
        95,
      )} (goal ≤ 2)`,
    );
  } finally {
    child.kill('SIGINT');
    await new Promise(r => child.once('exit', r));
    rmSync(gitops, { recursive: true, force: true });
    await dropBenchDatabases();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
