/*
 * bench/reliability/soak: kill -9 the backend at random moments while a stream of runs flows (no-op, resumable,
 * fragile test actions and real promotes on a local git repository), restart it each time, and check afterwards
 * that every run ended, none was executed twice (a resumable step may run again: at least once, counted), every
 * succeeded promote is in the repository exactly once, every run has its request and outcome audit events, and the
 * audit chain verifies.
 *
 *   yarn bench:soak [--kills 50] [--db sqlite|postgres] [--clients 4]
 *
 * Prints the figures and exits 1 when one that must be 0 is not. Not a test: minutes long, for a person to run.
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
  settledFigures,
  sleep,
  verifyChain,
  waitFor,
} from './harness';

const KILLS = Number(argument('kills', '50'));
const CLIENTS = Number(argument('clients', '4'));
const DB = argument('db', 'sqlite');
const APPS = 60;
const random = (min: number, max: number) => min + Math.random() * (max - min);

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'slipway-soak-'));
  const repo = gitopsRepository(APPS);
  const dbs = databases(DB, folder);
  const journal = join(folder, 'journal.ndjson');
  const backend = new Backend(7141, {
    gitops: repo.remote,
    journal,
    env: dbs.env,
  });
  const started = Date.now();
  let kills = 0;
  let stopping = false;
  let nextApp = 0;
  let sent = 0;
  let retried = 0;
  const refused: string[] = [];
  const log = (text: string) =>
    process.stderr.write(
      `[soak ${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`,
    );
  try {
    backend.start();
    let token = await backend.signIn('alice');
    await backend.ready(async () => token, APPS - 1);
    log(`backend up (${dbs.name}); ${KILLS} kills to go`);

    const client = async (c: number) => {
      for (let i = 0; !stopping; i++) {
        const dice = Math.random();
        const promote = dice < 0.08 && nextApp < APPS;
        const action = promote
          ? 'promote'
          : dice < 0.5
          ? 'soak-noop'
          : dice < 0.8
          ? 'soak-resumable'
          : 'soak-fragile';
        const run = {
          action,
          app: promote ? nextApp++ : Math.floor(Math.random() * APPS),
          environment: promote ? 'staging' : 'dev',
          key: `soak-${c}-${i}`,
        };
        sent++;
        // The same key until the backend answers: a request cut by a kill may or may not have been recorded.
        for (let attempt = 0; ; attempt++) {
          const answer = await backend.requestRun(token, run);
          if (answer?.status === 401)
            token = await backend.signIn('alice').catch(() => token);
          else if (answer) {
            if (answer.status >= 400)
              refused.push(`${run.action} ${run.key}: ${answer.status}`);
            break;
          }
          if (attempt === 0) retried++;
          await sleep(250);
        }
        await sleep(random(30, 120));
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    for (kills = 0; kills < KILLS; ) {
      await sleep(random(2000, 12000));
      await backend.kill();
      kills++;
      backend.start();
      await backend.ready(async () => token);
      if (kills % 10 === 0) log(`${kills} kills, ${sent} requests`);
    }
    stopping = true;
    await Promise.all(clients);
    log('requests stopped; waiting for every run to end');
    const slipway = dbs.connect('slipway');
    const audit = dbs.connect('audit-log');
    try {
      await waitFor(
        'every run to end',
        async () =>
          ((
            await slipway('slipway_runs')
              .whereNotIn('status', FINAL)
              .count({ n: '*' })
          )[0].n as number) == 0
            ? true
            : undefined,
        300_000,
      );
      const figures = await settledFigures({ slipway, audit, journal, repo });
      const chain = await verifyChain(backend);
      const seconds = (Date.now() - started) / 1000;
      const zero = {
        'runs not in a final state': figures.notFinal,
        'runs without their request audit event': figures.noRequestEvent,
        'runs without an audit event of how they ended':
          figures.noOutcomeEvent.length,
        'non-resumable runs executed twice': figures.executedTwice,
        'succeeded resumable runs with a step never executed':
          figures.resumableStepsLost,
        'promotes committed twice': figures.promotesCommittedTwice,
        'succeeded promotes not in the repository':
          figures.promotesNotInRepository,
        'audit chain problems': chain.ok ? 0 : 1,
      };
      console.log(
        `bench/reliability soak on ${
          dbs.name
        }, ${new Date().toISOString()}, ${seconds.toFixed(0)} s`,
      );
      console.log(`kills: ${kills} (kill -9, then restart)`);
      console.log(
        `requests: ${sent} (${retried} retried with the same key after a kill; ${refused.length} refused)`,
      );
      console.log(
        `runs recorded: ${
          figures.runs.length
        }; by final status: ${JSON.stringify(figures.byStatus)}`,
      );
      const byAction: Record<string, number> = {};
      for (const run of figures.runs)
        byAction[run.action] = (byAction[run.action] ?? 0) + 1;
      console.log(`runs by action: ${JSON.stringify(byAction)}`);
      console.log(
        `resumable steps executed again after a kill (at least once, allowed): ${figures.stepsReexecuted}`,
      );
      console.log(
        `audit chain: ${
          chain.ok ? 'verifies' : `BROKEN ${JSON.stringify(chain.problem)}`
        } (${chain.checkedEvents} events)`,
      );
      reportMustBeZero(zero, figures.failures, figures.noOutcomeEvent);
      if (refused.length)
        console.log(`refused (first 5): ${refused.slice(0, 5).join('; ')}`);
    } finally {
      await slipway.destroy();
      await audit.destroy();
    }
  } finally {
    stopping = true;
    await backend.stop();
    await dbs.drop();
    repo.remove();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
