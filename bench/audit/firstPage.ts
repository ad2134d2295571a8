/*
 * `yarn bench:audit-first-page [--events 16000] [--db postgres|sqlite|both] [--busy 8] [--warm 20] [--primed-by dave]`
 *
 * The audit log page's first load on a freshly started backend, against later loads of the same backend. A real
 * backend process (sign-in, catalog, the demo permission policy, the audit log; firstPageBackend.ts) starts on a log
 * of `--events` events; while `--busy` clients keep it busy with audited catalog reads (each one two appends), the
 * page's load — `/events?limit=25`, `/suggestions` and `/verification` at once, as AuditEventsView and
 * ChainVerificationStatus ask — is timed once cold (the backend's first) and `--warm` times after. For a platform
 * admin (carol: every event) and an owner (alice: the events about what her team owns, through the catalog), each on
 * a backend of its own. It prints figures and the cold/warm ratio; it asserts nothing.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { DatabaseAuditEventStore } from '../../plugins/audit-log-backend/src/store/DatabaseAuditEventStore';
import { createWorkload } from './workload';
import { waitFor } from '../waitFor';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const TOTAL = Number(option('events', '16000'));
const WHICH = option('db', 'both');
const BUSY = Number(option('busy', '8'));
const WARM = Number(option('warm', '20'));
/** Someone else whose page load comes first: tells a cost per backend (paid by them) from one per person. */
const PRIMED_BY = option('primed-by', '');
const PORT = 7141;
const BASE = `http://localhost:${PORT}`;
/** Components the payments team owns (alice is in it): about 5 % of the workload's events are about them. */
const OWNED = 100;
const PG_PREFIX = `bench_audit_first_${process.pid}_`;

type Setup = {
  name: string;
  config: object;
  knex: () => Knex;
  drop: () => Promise<void>;
};

function sqliteSetup(): Setup {
  const directory = mkdtempSync(join(tmpdir(), 'slipway-bench-audit-first-'));
  return {
    name: 'SQLite',
    config: { client: 'better-sqlite3', connection: { directory } },
    knex: () => {
      mkdirSync(directory, { recursive: true });
      return knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(directory, 'audit-log.sqlite') },
        useNullAsDefault: true,
      });
    },
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

function postgresSetup(): Setup {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source .ci/env.sh)',
    );
  }
  const admin = () => knexFactory({ client: 'pg', connection: url });
  const database = `${PG_PREFIX}audit-log`;
  return {
    name: 'PostgreSQL',
    config: { client: 'pg', connection: url, prefix: PG_PREFIX },
    knex: () => {
      const connection = new URL(url);
      connection.pathname = `/${database}`;
      return knexFactory({ client: 'pg', connection: connection.toString() });
    },
    drop: async () => {
      const knex = admin();
      try {
        const { rows } = await knex.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${PG_PREFIX}%`],
        );
        for (const { datname } of rows) {
          await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await knex.destroy();
      }
    },
  };
}

/** Every plugin database afresh, and the audit log holding TOTAL events of the workload. */
async function seed(setup: Setup) {
  await setup.drop();
  if (setup.name === 'PostgreSQL') {
    const url =
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING!;
    const admin = knexFactory({ client: 'pg', connection: url });
    await admin.raw('CREATE DATABASE ??', [`${PG_PREFIX}audit-log`]);
    await admin.destroy();
  }
  const knex = setup.knex();
  const store = await DatabaseAuditEventStore.create({
    database: { getClient: async () => knex },
  });
  const next = createWorkload(TOTAL);
  let i = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (i < TOTAL) await store.append(next(i++));
    }),
  );
  await knex.destroy();
}

function catalogFile(dir: string) {
  const file = join(dir, 'components.yaml');
  writeFileSync(
    file,
    Array.from(
      { length: OWNED },
      (_, n) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: app-${n} }\nspec: { type: service, lifecycle: production, owner: group:default/payments }\n`,
    ).join('---\n'),
  );
  return file;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One cold start: the page's first load, then WARM loads, while BUSY clients read the catalog. */
async function coldAndWarm(setup: Setup, user: string, catalog: string) {
  const child: ChildProcess = fork(
    resolve(__dirname, 'firstPageBackend.ts'),
    [String(PORT), catalog],
    {
      execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        BENCH_DATABASE: JSON.stringify(setup.config),
      },
    },
  );
  let busy = true;
  const loads: Promise<void>[] = [];
  try {
    const signIn = (who: string) =>
      waitFor(`sign-in of ${who}`, async () => {
        const res = await fetch(`${BASE}/api/auth/demo/refresh`, {
          headers: {
            'X-Requested-With': 'XMLHttpRequest',
            'x-slipway-demo-user': who,
          },
        });
        return res.ok
          ? (((await res.json()) as any).backstageIdentity.token as string)
          : undefined;
      });
    const token = await signIn(user);
    const headers = { Authorization: `Bearer ${token}` };
    const get = async (path: string, as = headers) => {
      const start = performance.now();
      const res = await fetch(`${BASE}${path}`, { headers: as });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return performance.now() - start;
    };
    await waitFor(
      'the owned components in the catalog',
      async () =>
        await get(
          `/api/catalog/entities/by-name/component/default/app-${OWNED - 1}`,
        )
          .then(() => true)
          .catch(() => undefined),
    );
    // Busy: audited catalog reads, two appends each, as a portal in use produces them.
    for (let c = 0; c < BUSY; c++) {
      loads.push(
        (async () => {
          for (let n = c; busy; n += BUSY) {
            await get(
              `/api/catalog/entities/by-name/component/default/app-${
                n % OWNED
              }`,
            );
          }
        })(),
      );
    }
    await new Promise(r => setTimeout(r, 2000));
    const pageLoad = async (as = headers) => {
      const start = performance.now();
      const [events] = await Promise.all([
        get('/api/audit-log/events?limit=25', as),
        get('/api/audit-log/suggestions', as),
        get('/api/audit-log/verification', as).catch(() => 0), // 403 for owners
      ]);
      return { events, page: performance.now() - start };
    };
    if (PRIMED_BY) {
      const primer = await signIn(PRIMED_BY);
      const primed = await pageLoad({ Authorization: `Bearer ${primer}` });
      console.log(
        `  ${PRIMED_BY} loaded the page first: ${primed.page.toFixed(0)} ms`,
      );
    }
    const cold = await pageLoad();
    const warm: Array<{ events: number; page: number }> = [];
    for (let i = 0; i < WARM; i++) warm.push(await pageLoad());
    const warmEvents = median(warm.map(w => w.events));
    const warmPage = median(warm.map(w => w.page));
    console.log(
      `${setup.name}, ${user}${
        BUSY ? `, ${BUSY} busy clients` : ''
      }: /events cold ${cold.events.toFixed(
        0,
      )} ms, warm p50 ${warmEvents.toFixed(1)} ms, ratio ${(
        cold.events / warmEvents
      ).toFixed(1)}; whole page load cold ${cold.page.toFixed(
        0,
      )} ms, warm p50 ${warmPage.toFixed(1)} ms, ratio ${(
        cold.page / warmPage
      ).toFixed(1)}`,
    );
  } finally {
    busy = false;
    await Promise.allSettled(loads);
    child.kill('SIGINT');
    await new Promise(r => child.once('exit', r));
  }
}

async function main() {
  console.log(
    `Audit log page, first load vs later loads: ${TOTAL.toLocaleString(
      'en-US',
    )} events, ${new Date().toISOString()}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-audit-catalog-'));
  const catalog = catalogFile(dir);
  const setups: Array<() => Setup> = [];
  if (WHICH === 'sqlite' || WHICH === 'both') setups.push(sqliteSetup);
  if (WHICH === 'postgres' || WHICH === 'both') setups.push(postgresSetup);
  try {
    for (const make of setups) {
      const setup = make();
      try {
        for (const user of ['carol', 'alice']) {
          await seed(setup); // afresh for each user: no plan or page cache of an earlier backend helps
          await coldAndWarm(setup, user, catalog);
        }
      } finally {
        await setup.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
