/*
 * bench/reliability/replicas: two backend instances on one PostgreSQL, 1,000 runs spread over both, 30 % of them
 * requested on both at once with the same idempotency key. Afterwards: one run per key, each executed exactly once
 * (the executors' journal), no two runs holding one environment's lock at the same moment, both instances' audit
 * events in one chain that verifies. Prints the counts and the throughput; exits 1 when a count that must be 0 is not.
 *
 *   yarn bench:replicas [--runs 1000] [--clients 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  argument,
  Backend,
  databases,
  FINAL,
  gitopsRepository,
  reportMustBeZero,
  readJournal,
  settledFigures,
  sleep,
  verifyChain,
  waitFor,
} from './harness';

const RUNS = Number(argument('runs', '1000'));
const CLIENTS = Number(argument('clients', '20'));
const REPEATED = 0.3;
const LOCKED_APPS = 5;

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'slipway-replicas-'));
  const repo = gitopsRepository(LOCKED_APPS);
  const dbs = databases('postgres', folder);
  const journal = join(folder, 'journal.ndjson');
  const replicas = [7143, 7144].map(
    port => new Backend(port, { gitops: repo.remote, journal, env: dbs.env }),
  );
  const log = (text: string) => process.stderr.write(`[replicas] ${text}\n`);
  try {
    // One after the other on fresh databases: two Backstage backends creating the same core tables at once (the
    // backend's own knex migrations, not Slipway's) can fail with a duplicate pg_type; a rolling deployment does this.
    const tokens: string[] = [];
    for (const [i, replica] of replicas.entries()) {
      replica.start();
      tokens.push(await replica.signIn('alice'));
      await replica.ready(async () => tokens[i], LOCKED_APPS - 1);
    }
    log('both replicas up');

    let next = 0;
    let repeated = 0;
    let differentRuns = 0;
    let busy = 0;
    const ids = new Map<string, string>();
    const started = Date.now();
    const request = async (
      replica: number,
      run: Parameters<Backend['requestRun']>[1],
    ) => {
      for (;;) {
        const answer = await replicas[replica].requestRun(tokens[replica], run);
        if (answer?.status === 201 || answer?.status === 200) return answer.id!;
        // 409: the environment's lock is held by another run (the lock at work across replicas); the same key again.
        if (answer?.status === 409) busy++;
        else
          throw new Error(
            `${run.key} on replica ${replica}: ${
              answer ? answer.status : 'no answer'
            }`,
          );
        await sleep(20 + Math.random() * 60);
      }
    };
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < RUNS; i = next++) {
          const locked = i % 5 === 0;
          const run = {
            action: locked ? 'soak-locked' : 'soak-noop',
            app: i % LOCKED_APPS,
            environment: 'dev',
            key: `replicas-${i}`,
          };
          const first = i % 2;
          if (Math.random() < REPEATED) {
            repeated++;
            // The same request on both replicas at once (a retry through another load-balancer route).
            const [a, b] = await Promise.all([
              request(first, run),
              request(1 - first, run),
            ]);
            if (a !== b) differentRuns++;
            ids.set(run.key, a);
          } else ids.set(run.key, await request(first, run));
        }
      }),
    );
    const requested = Date.now();
    const slipway = dbs.connect('slipway');
    const audit = dbs.connect('audit-log');
    try {
      await waitFor('every run to end', async () =>
        Number(
          (
            await slipway('slipway_runs')
              .whereNotIn('status', FINAL)
              .count({ n: '*' })
          )[0].n,
        ) === 0
          ? true
          : undefined,
      );
      const finished = Date.now();
      const figures = await settledFigures({ slipway, audit, journal, repo });
      const chain = await verifyChain(replicas[1]);

      // Executions per run, by instance, and lock overlaps from the journal's start and end of each locked run.
      const journalByRun = readJournal(journal);
      const lines = [...journalByRun.values()].flat();
      const byPid: Record<string, number> = {};
      for (const line of lines.filter(l => l.what === 'execute'))
        byPid[line.pid!] = (byPid[line.pid!] ?? 0) + 1;
      const runById = new Map(figures.runs.map(r => [r.id, r]));
      const spans = new Map<string, { start: number; end: number }[]>();
      for (const [id, runLines] of journalByRun) {
        const run = runById.get(id);
        if (run?.action !== 'soak-locked') continue;
        const start = runLines.find(l => l.what === 'execute')?.at;
        const end = runLines.find(l => l.what === 'end')?.at;
        if (start === undefined || end === undefined) continue;
        const key = `${run.entity_ref}|${run.environment}`;
        spans.set(key, [...(spans.get(key) ?? []), { start, end }]);
      }
      let overlaps = 0;
      for (const list of spans.values()) {
        list.sort((a, b) => a.start - b.start);
        for (let i = 1; i < list.length; i++)
          if (list[i].start < list[i - 1].end) overlaps++;
      }
      const executed = lines.filter(l => l.what === 'execute').length;
      const zero = {
        'keys recorded as more than one run':
          figures.runs.length -
          new Set(figures.runs.map(r => r.idempotency_key)).size,
        'repeated requests answered with different runs': differentRuns,
        'runs executed more than once': figures.executedTwice,
        'runs never executed':
          figures.runs.length -
          new Set(lines.filter(l => l.what === 'execute').map(l => l.run)).size,
        'locked runs overlapping on one environment': overlaps,
        'runs not in a final state': figures.notFinal,
        'runs without their request audit event': figures.noRequestEvent,
        'runs without an audit event of how they ended':
          figures.noOutcomeEvent.length,
        'audit chain problems': chain.ok ? 0 : 1,
      };
      console.log(
        `bench/reliability replicas: 2 instances on one PostgreSQL, ${new Date().toISOString()}`,
      );
      console.log(
        `logical runs: ${RUNS} from ${CLIENTS} clients, ${repeated} of them requested on both replicas at once`,
      );
      console.log(
        `runs recorded: ${
          figures.runs.length
        }; by final status: ${JSON.stringify(figures.byStatus)}`,
      );
      console.log(
        `executions: ${executed}, by instance (pid): ${JSON.stringify(byPid)}`,
      );
      console.log(
        `requests refused 409 because another run held the environment's lock: ${busy}`,
      );
      console.log(
        `audit chain: ${
          chain.ok ? 'verifies' : `BROKEN ${JSON.stringify(chain.problem)}`
        } (${chain.checkedEvents} events)`,
      );
      console.log(
        `throughput: ${(RUNS / ((requested - started) / 1000)).toFixed(
          0,
        )} runs recorded/s; ${(RUNS / ((finished - started) / 1000)).toFixed(
          0,
        )} runs finished/s (${((finished - started) / 1000).toFixed(
          1,
        )} s from the first request to the last run's end)`,
      );
      reportMustBeZero(zero, figures.failures);
    } finally {
      await slipway.destroy();
      await audit.destroy();
    }
  } finally {
    await Promise.all(replicas.map(r => r.stop()));
    await dbs.drop();
    repo.remove();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
