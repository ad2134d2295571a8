/*
 * `yarn bench:audit [--events 1000000] [--db postgres|sqlite|both] [--concurrency 64]`
 *
 * Measures the audit event store where the backend uses it (no HTTP): append throughput with many concurrent
 * appenders (group commit) and with one appender awaiting each event, latency of filtered first pages and of deep
 * pages (keyset), export throughput (CSV lines produced from the stream), and a full chain verification.
 * It prints figures; it asserts nothing.
 */
import { DatabaseAuditEventStore } from '../../plugins/audit-log-backend/src/store/DatabaseAuditEventStore';
import { EventFilters } from '../../plugins/audit-log-backend/src/store/queryTypes';
import { toCsvLine } from '../../plugins/audit-log-backend/src/service/exportFormats';
import { BenchDatabase, createPostgres, createSqlite } from './databases';
import { ms, percentiles, perSecond, timed } from './measure';
import { COMPONENTS, createWorkload, USERS } from './workload';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const TOTAL = Number(option('events', '1000000'));
const CONCURRENCY = Number(option('concurrency', '64'));
const WHICH = option('db', 'both');
const PAGE = 50;
const RUNS = 200;

/** Filters a reader of the portal uses, each with a selective and a broad case. */
const FILTERS: Array<[string, (run: number) => EventFilters]> = [
  ['entity', run => ({ entityRef: COMPONENTS[run % COMPONENTS.length] })],
  ['actor', run => ({ actor: USERS[run % USERS.length] })],
  ['plugin + environment', () => ({ plugin: 'slipway', environment: 'prod' })],
  ['failed in prod', () => ({ environment: 'prod', status: 'failed' })],
  [
    'event id + time range',
    () => ({
      eventId: 'restart',
      from: new Date(Date.now() - 90 * 24 * 3600 * 1000),
      to: new Date(Date.now() - 30 * 24 * 3600 * 1000),
    }),
  ],
];

async function insert(store: DatabaseAuditEventStore, count: number) {
  const next = createWorkload(TOTAL);
  let i = 0;
  const { seconds } = await timed(async () => {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (i < count) {
          const n = i++;
          await store.append(next(n));
          if ((n + 1) % 100_000 === 0) {
            process.stdout.write(
              `  … ${(n + 1).toLocaleString('en-US')} appended\n`,
            );
          }
        }
      }),
    );
  });
  return seconds;
}

async function bench(database: BenchDatabase) {
  console.log(`\n== ${database.name} ==`);
  const store = await DatabaseAuditEventStore.create({
    database: { getClient: async () => database.knex },
  });

  const bulk = await insert(store, TOTAL);
  console.log(
    `append, ${CONCURRENCY} concurrent appenders: ${TOTAL.toLocaleString(
      'en-US',
    )} events in ${bulk.toFixed(1)} s = ${perSecond(TOTAL, bulk)}`,
  );
  const single = createWorkload(TOTAL, 7);
  const sequential = await timed(async () => {
    for (let n = 0; n < 2000; n++) {
      await store.append(single(TOTAL - 1));
    }
  });
  console.log(
    `append, one appender awaiting each event: ${perSecond(
      2000,
      sequential.seconds,
    )} (${ms((sequential.seconds * 1000) / 2000)} each)`,
  );

  const firstPage = await percentiles(RUNS, () =>
    store.listEvents({ filters: {} }, { limit: PAGE }),
  );
  console.log(
    `first page, no filter: p50 ${ms(firstPage.p50)}, p95 ${ms(firstPage.p95)}`,
  );
  for (const [label, filters] of FILTERS) {
    const first = await percentiles(RUNS, run =>
      store.listEvents({ filters: filters(run) }, { limit: PAGE }),
    );
    // Deep: a cursor 95 % of the way back through the log, as after paging far into a broad filter.
    const deepSeq = Math.floor(TOTAL * 0.05);
    const deep = await percentiles(RUNS, run =>
      store.listEvents(
        { filters: filters(run) },
        { limit: PAGE, cursor: { seq: deepSeq, direction: 'older' } },
      ),
    );
    console.log(
      `filtered by ${label}: first page p50 ${ms(first.p50)}, p95 ${ms(
        first.p95,
      )}; deep page (before seq ${deepSeq.toLocaleString('en-US')}) p50 ${ms(
        deep.p50,
      )}, p95 ${ms(deep.p95)}`,
    );
  }
  const text = await percentiles(20, () =>
    store.listEvents(
      { filters: { text: 'weekly maintenance', environment: 'prod' } },
      { limit: PAGE },
    ),
  );
  console.log(
    `free text, common, + environment: first page p50 ${ms(text.p50)}, p95 ${ms(
      text.p95,
    )}`,
  );
  // A term in one event at most: the LIKE scan reads the whole log before it gives up.
  const rare = await percentiles(5, () =>
    store.listEvents(
      { filters: { text: `run-${Math.floor(TOTAL / 3)}` } },
      { limit: PAGE },
    ),
  );
  console.log(
    `free text, rare (scans everything): first page p50 ${ms(
      rare.p50,
    )}, p95 ${ms(rare.p95)}`,
  );

  const exported = await timed(async () => {
    let events = 0;
    let bytes = 0;
    for await (const event of store.streamEvents({
      filters: { plugin: 'slipway' },
    })) {
      bytes += Buffer.byteLength(toCsvLine(event));
      events += 1;
    }
    return { events, bytes };
  });
  console.log(
    `export as CSV (plugin = slipway): ${exported.result.events.toLocaleString(
      'en-US',
    )} events, ${(exported.result.bytes / 1e6).toFixed(
      0,
    )} MB in ${exported.seconds.toFixed(1)} s = ${perSecond(
      exported.result.events,
      exported.seconds,
    )}, ${(exported.result.bytes / 1e6 / exported.seconds).toFixed(1)} MB/s`,
  );

  const verification = await timed(() => store.verifyChain());
  console.log(
    `verify the whole chain: ${
      verification.result.ok ? 'intact' : 'BROKEN'
    }, ${verification.result.checkedEvents.toLocaleString(
      'en-US',
    )} events in ${verification.seconds.toFixed(1)} s = ${perSecond(
      verification.result.checkedEvents,
      verification.seconds,
    )}`,
  );
  await database.knex.destroy();
}

async function main() {
  console.log(
    `Audit log store benchmark: ${TOTAL.toLocaleString(
      'en-US',
    )} events, page size ${PAGE}, ${RUNS} runs per latency figure`,
  );
  if (WHICH === 'postgres' || WHICH === 'both')
    await bench(await createPostgres());
  if (WHICH === 'sqlite' || WHICH === 'both') await bench(await createSqlite());
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
