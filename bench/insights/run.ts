/*
 * `yarn bench:insights [--apps 2000] [--commits 20000] [--runs 100000] [--db postgres|sqlite|both]`
 *
 * Insights at scale, where the backend computes them (no HTTP): a generated GitOps repository (bench/insights/
 * gitopsHistory.ts) indexed from scratch (commits per second), then one new commit at a time taken in (p50/p95 of
 * 20), and p50/p95 of each Insights request — self-service over `runs` runs, adoption and delivery over the indexed
 * history — for a platform admin (every application) and for a team of 100 applications, over 12 and 52 weeks.
 * Goals (issue 16): ≥ 1,000 commits/s, one commit ≤ 100 ms, every request p95 ≤ 150 ms. It prints figures; it
 * asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GitCli,
  GitRepository,
  SlipwayEnvironment,
} from '../../plugins/slipway-node/src';
import { MIGRATIONS_DIRECTORY } from '../../plugins/slipway-backend/src/database/slipwayDatabase';
import { InsightsService } from '../../plugins/slipway-backend/src/insights/InsightsService';
import { InsightsStore } from '../../plugins/slipway-backend/src/insights/InsightsStore';
import { GitOpsHistoryIndexer } from '../../plugins/slipway-backend/src/insights/history/GitOpsHistoryIndexer';
import { HistoryInsights } from '../../plugins/slipway-backend/src/insights/history/HistoryInsights';
import { HistoryStore } from '../../plugins/slipway-backend/src/insights/history/HistoryStore';
import {
  BenchDatabase,
  createPostgres,
  createSqlite,
} from '../audit/databases';
import { ms, percentiles, perSecond, timed } from '../audit/measure';
import { appendCommit, generateHistory } from './gitopsHistory';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const APPS = Number(option('apps', '2000'));
const COMMITS = Number(option('commits', '20000'));
const RUNS = Number(option('runs', '100000'));
const WHICH = option('db', 'both');
const NEW_COMMITS = 20;
const REQUESTS = 50;
const DATABASE = 'slipway_insights_bench';
const ACTIONS = [
  'restart',
  'restart',
  'restart',
  'promote',
  'promote',
  'rollback',
  'sync',
  'db-copy',
];
const STATUSES = [
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'failed',
  'cancelled',
  'rejected',
];
const environments = [
  { name: 'dev' },
  { name: 'staging' },
  { name: 'prod', production: true },
] as SlipwayEnvironment[];
const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quiet;
  },
} as any;

async function insertRuns(db: BenchDatabase, now: number) {
  const year = 365 * 24 * 3600 * 1000;
  const batch = db.name === 'SQLite' ? 100 : 1000;
  const { seconds } = await timed(async () => {
    for (let i = 0; i < RUNS; i += batch) {
      const rows = [];
      for (let j = i; j < Math.min(RUNS, i + batch); j++) {
        const created = new Date(now - year + (j / RUNS) * year);
        const decided = j % 10 === 0;
        rows.push({
          id: randomUUID(),
          action: ACTIONS[j % ACTIONS.length],
          entity_ref: `component:default/app-${String((j * 7) % APPS).padStart(
            4,
            '0',
          )}`,
          environment: environments[j % 3].name,
          parameters: '{}',
          requester: `user:default/dev${j % 50}`,
          idempotency_key: `bench-${j}`,
          mutating: false,
          status: STATUSES[j % STATUSES.length],
          lock_key: null,
          created_at: created,
          updated_at: created,
          ...(decided
            ? { decided_at: new Date(created.getTime() + (j % 300) * 60_000) }
            : {}),
        });
      }
      await db.knex('slipway_runs').insert(rows);
    }
  });
  return seconds;
}

async function bench(db: BenchDatabase, remote: string) {
  const { knex } = db;
  await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  const work = mkdtempSync(join(tmpdir(), 'slipway-insights-bench-'));
  const repository = new GitRepository({
    url: remote,
    branch: 'main',
    path: '',
    git: new GitCli(),
    workingDirectory: work,
  });
  const indexer = new GitOpsHistoryIndexer({ knex, repository, logger: quiet });
  const first = await timed(() => indexer.update());
  console.log(
    `  first index: ${first.result.commits.toLocaleString(
      'en-US',
    )} commits in ${first.seconds.toFixed(2)} s = ${perSecond(
      first.result.commits,
      first.seconds,
    )} (goal ≥ 1,000/s)`,
  );
  // Each commit is made before the clock starts: what is timed is taking it in (fetch, read, write).
  // How much of it is git's (fetching and reading the commit), and how much the database's.
  const readCommits = repository.commits.bind(repository);
  let gitMs = 0;
  repository.commits = async options => {
    const read = await timed(() => readCommits(options));
    gitMs += read.seconds * 1000;
    return read.result;
  };
  const times: number[] = [];
  const gitTimes: number[] = [];
  for (let n = 1; n <= NEW_COMMITS; n++) {
    await appendCommit(remote, n, Date.now());
    gitMs = 0;
    const { seconds, result } = await timed(() => indexer.update());
    gitTimes.push(gitMs);
    if (result.commits !== 1)
      throw new Error(`took in ${result.commits} commits, not 1`);
    times.push(seconds * 1000);
  }
  times.sort((a, b) => a - b);
  gitTimes.sort((a, b) => a - b);
  const one = {
    p50: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
    max: times[times.length - 1],
  };
  console.log(
    `  one new commit: p50 ${ms(one.p50)}, p95 ${ms(one.p95)}, max ${ms(
      one.max,
    )} (goal ≤ 100 ms); git's part p50 ${ms(
      gitTimes[Math.floor(gitTimes.length / 2)],
    )}`,
  );

  const now = Date.now();
  const inserted = await insertRuns(db, now);
  console.log(
    `  ${RUNS.toLocaleString('en-US')} runs inserted in ${inserted.toFixed(
      1,
    )} s`,
  );

  const team = Array.from({ length: APPS }, (_, i) => i)
    .filter(i => i % 20 === 1)
    .map(i => ({
      kind: 'Component',
      metadata: {
        name: `app-${String(i).padStart(4, '0')}`,
        namespace: 'default',
      },
    }));
  const service = (admin: boolean) =>
    new InsightsService({
      store: new InsightsStore(knex),
      history: new HistoryInsights({
        store: new HistoryStore(knex),
        environments,
      }),
      permissions: {
        authorize: async () => [
          { result: admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
        ],
      } as any,
      userInfo: {
        getUserInfo: async () => ({
          userEntityRef: 'user:default/dev1',
          ownershipEntityRefs: ['group:default/team-01'],
        }),
      } as any,
      applications: {
        getOwnedApplications: async () => ({
          applications: team,
          total: team.length,
        }),
      } as any,
      owners: async () => owners,
    });
  const owners = new Map(
    Array.from({ length: APPS }, (_, i) => [
      `app-${String(i).padStart(4, '0')}`,
      `group:default/team-${String(i % 20).padStart(2, '0')}`,
    ]),
  );
  const credentials = {} as any;
  console.log('  request                          p50        p95');
  for (const [who, insights] of [
    ['every application', service(true)],
    [`a team (${team.length} apps)`, service(false)],
  ] as const)
    for (const weeks of [12, 52])
      for (const [name, call] of [
        ['self-service', () => insights.selfService(weeks, credentials)],
        ['adoption', () => insights.adoption(weeks, credentials)],
        ['delivery', () => insights.delivery(weeks, credentials)],
      ] as const) {
        const { p50, p95 } = await percentiles(REQUESTS, call);
        console.log(
          `  ${`${name}, ${weeks} weeks, ${who}`.padEnd(44)} ${ms(p50).padStart(
            10,
          )} ${ms(p95).padStart(10)}${
            p95 > 150 ? '  (over the 150 ms goal)' : ''
          }`,
        );
      }
  await repository.close();
  rmSync(work, { recursive: true, force: true });
}

/** A fresh generated repository for each database: the commits one run appends do not slow the next one's fetches. */
async function generated(): Promise<string> {
  const remote = mkdtempSync(join(tmpdir(), 'slipway-insights-gitops-'));
  rmSync(remote, { recursive: true });
  const made = await timed(() =>
    generateHistory(remote, {
      apps: APPS,
      commits: COMMITS,
      endsAt: Date.now() - 3600_000,
    }),
  );
  console.log(
    `  generated a GitOps repository of ${APPS.toLocaleString(
      'en-US',
    )} applications and ${COMMITS.toLocaleString(
      'en-US',
    )} commits in ${made.seconds.toFixed(1)} s`,
  );
  return remote;
}

async function main() {
  for (const create of WHICH === 'both'
    ? [createSqlite, createPostgres]
    : [WHICH === 'sqlite' ? createSqlite : createPostgres]) {
    const db = await create(DATABASE);
    console.log(`\n${db.name}`);
    const remote = await generated();
    try {
      await bench(db, remote);
    } finally {
      await db.knex.destroy();
      rmSync(remote, { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
