import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  GitOpsCommit,
  GitOpsRepository,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { serviceManifest } from '@slipway/backstage-plugin-slipway-node/testing';
import { MIGRATIONS_DIRECTORY } from '../../database/slipwayDatabase';
import { RunStore } from '../../engine/RunStore';
import { GitOpsHistoryIndexer } from './GitOpsHistoryIndexer';
import { HistoryInsights } from './HistoryInsights';
import { HistoryStore } from './HistoryStore';

jest.setTimeout(60_000);

/** A repository's history as GitOpsRepository.commits pages through it; `history` may be rewritten by a test. */
function repositoryOf(state: { history: GitOpsCommit[] }): GitOpsRepository {
  return {
    description: 'file:///gitops.git@main',
    async commits({ after, limit }: { after?: string; limit: number }) {
      const { history } = state;
      const found = after ? history.findIndex(c => c.revision === after) : -1;
      const restarted = Boolean(after) && found < 0;
      const start = found + 1;
      const commits = history.slice(start, start + limit);
      const last = commits.length ? commits[commits.length - 1] : undefined;
      return {
        commits,
        walked: commits.length,
        through: last?.revision ?? (restarted ? undefined : after),
        more: start + limit < history.length,
        restarted,
      };
    },
  } as unknown as GitOpsRepository;
}

let n = 0;
function commit(
  at: string,
  files: Record<string, string | null>,
): GitOpsCommit {
  return {
    revision: (++n).toString(16).padStart(40, 'a'),
    committedAt: at,
    author: { name: 'Alice', email: 'alice@example.com' },
    subject: `commit ${n}`,
    files: Object.entries(files).map(([path, text]) =>
      text === null ? { path } : { path, text },
    ),
  };
}

const checkout = (versions: Record<string, string>) =>
  serviceManifest('checkout', { versions });
const shop = serviceManifest('shop', {
  owner: 'group:default/storefront',
  system: 'storefront',
  versions: { dev: '2.0.0' },
});
const environments = [
  { name: 'dev' },
  { name: 'staging' },
  { name: 'prod', production: true },
] as SlipwayEnvironment[];

/**
 * A known history: weeks start on Mondays 2026-10-05, -12, -19 and -26; "now" is Wednesday 2026-10-28 at noon. Shop
 * is added, broken for a week, mended and removed; Checkout goes dev → staging → prod, then prod back to 1.0.0.
 */
function knownHistory() {
  return [
    commit('2026-10-05T10:00:00Z', {
      'apps/checkout.yaml': checkout({ dev: '1.0.0' }),
      'systems/payments.yaml':
        'apiVersion: slipway.dev/v1alpha1\nkind: System\nmetadata:\n  name: payments\nspec:\n  owner: group:default/payments\n',
    }),
    commit('2026-10-06T10:00:00Z', {
      'apps/checkout.yaml': checkout({ dev: '1.1.0' }),
      'apps/shop.yaml': shop,
    }),
    commit('2026-10-13T10:00:00Z', {
      'apps/checkout.yaml': checkout({ dev: '1.1.0', staging: '1.1.0' }),
    }),
    commit('2026-10-14T10:00:00Z', { 'apps/shop.yaml': `${shop}  oops: [\n` }),
    commit('2026-10-20T12:00:00Z', {
      'apps/checkout.yaml': checkout({
        dev: '1.1.0',
        staging: '1.1.0',
        prod: '1.1.0',
      }),
    }),
    commit('2026-10-21T10:00:00Z', { 'apps/shop.yaml': shop }),
    commit('2026-10-27T10:00:00Z', {
      'apps/shop.yaml': null,
      'apps/checkout.yaml': checkout({
        dev: '1.1.0',
        staging: '1.1.0',
        prod: '1.0.0',
      }),
    }),
  ];
}

describe('Insights from the GitOps history', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const now = new Date('2026-10-28T12:00:00Z');

  it.each(databases.eachSupportedId())(
    'computes adoption and delivery from a known history, taken in page by page, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const state = { history: knownHistory() };
      const indexer = new GitOpsHistoryIndexer({
        knex,
        repository: repositoryOf(state),
        logger: mockServices.logger.mock(),
        pageSize: 2,
      });
      expect(await indexer.update()).toEqual({ commits: 7, restarted: false });
      expect(await indexer.update()).toEqual({ commits: 0, restarted: false });

      // Restarts in production: 2 hours after the change of 2026-10-20 (a failure), 25 hours after 2026-10-27 (not).
      const runs = new RunStore(knex);
      for (const [i, at] of [
        '2026-10-20T14:00:00Z',
        '2026-10-28T11:00:00Z',
      ].entries()) {
        const id = `00000000-0000-4000-8000-00000000000${i}`;
        await runs.insert({
          id,
          action: 'restart',
          entityRef: 'component:default/checkout',
          environment: 'prod',
          parameters: {},
          requester: 'user:default/alice',
          idempotencyKey: `k-${i}`,
          mutating: false,
          status: 'pending',
        });
        await knex('slipway_runs')
          .where({ id })
          .update({ created_at: new Date(at), lock_key: null });
      }

      const insights = new HistoryInsights({
        store: new HistoryStore(knex),
        environments,
      });
      const adoption = await insights.adoption(4, undefined, now);
      expect(adoption.history).toEqual({
        indexed: {
          revision: state.history[6].revision,
          at: expect.any(String),
          commits: 7,
        },
      });
      expect(adoption.byWeek).toEqual([
        { week: '2026-10-05', applications: 2, problems: 0 },
        { week: '2026-10-12', applications: 2, problems: 1 },
        { week: '2026-10-19', applications: 2, problems: 0 },
        { week: '2026-10-26', applications: 1, problems: 0 },
      ]);
      expect(adoption.newApplications).toEqual([
        {
          week: '2026-10-05',
          type: 'service',
          owner: 'group:default/payments',
          count: 1,
        },
        {
          week: '2026-10-05',
          type: 'service',
          owner: 'group:default/storefront',
          count: 1,
        },
      ]);
      // A period that starts later sees the applications made before it, and no new ones.
      expect(await insights.adoption(1, undefined, now)).toMatchObject({
        byWeek: [{ week: '2026-10-26', applications: 1, problems: 0 }],
        newApplications: [],
      });

      const delivery = await insights.delivery(4, undefined, now);
      expect(delivery).toMatchObject({
        firstEnvironment: 'dev',
        productionEnvironments: ['prod'],
        deployments: [
          { week: '2026-10-05', environment: 'dev', count: 3 },
          { week: '2026-10-12', environment: 'staging', count: 1 },
          { week: '2026-10-19', environment: 'prod', count: 1 },
          { week: '2026-10-26', environment: 'prod', count: 1 },
        ],
        // 1.1.0: dev 10-06 10:00 → prod 10-20 12:00 = 338 h; 1.0.0: dev 10-05 10:00 → prod 10-27 10:00 = 528 h.
        leadTime: { releases: 2, p50Hours: 338, p95Hours: 528 },
        recentReleases: [
          {
            application: 'checkout',
            version: '1.0.0',
            environment: 'prod',
            deployedAt: '2026-10-27T10:00:00.000Z',
            leadTimeHours: 528,
          },
          {
            application: 'checkout',
            version: '1.1.0',
            environment: 'prod',
            deployedAt: '2026-10-20T12:00:00.000Z',
            leadTimeHours: 338,
          },
        ],
        changeFailures: [
          { week: '2026-10-19', changes: 1, failures: 1 },
          { week: '2026-10-26', changes: 1, failures: 0 },
        ],
      });

      // A team's view: only its applications (the broken shop is storefront's).
      expect((await insights.adoption(4, ['checkout'], now)).byWeek).toEqual([
        { week: '2026-10-05', applications: 1, problems: 0 },
        { week: '2026-10-12', applications: 1, problems: 0 },
        { week: '2026-10-19', applications: 1, problems: 0 },
        { week: '2026-10-26', applications: 1, problems: 0 },
      ]);
      expect((await insights.delivery(4, ['shop'], now)).deployments).toEqual([
        { week: '2026-10-05', environment: 'dev', count: 1 },
      ]);
      expect(await insights.application('checkout', 90, now)).toMatchObject({
        deployments: [
          {
            environment: 'prod',
            version: '1.0.0',
            deployedAt: '2026-10-27T10:00:00.000Z',
            author: 'Alice',
          },
          { environment: 'prod', version: '1.1.0' },
          { environment: 'staging', version: '1.1.0' },
          { environment: 'dev', version: '1.1.0' },
          { environment: 'dev', version: '1.0.0' },
        ],
        releases: [{ version: '1.0.0' }, { version: '1.1.0' }],
      });

      // One new commit: only it is taken in.
      state.history.push(
        commit('2026-10-28T09:00:00Z', {
          'apps/cart.yaml': serviceManifest('cart', {
            versions: { dev: '0.1.0' },
          }),
        }),
      );
      expect(await indexer.update()).toEqual({ commits: 1, restarted: false });
      expect((await insights.adoption(1, undefined, now)).byWeek).toEqual([
        { week: '2026-10-26', applications: 2, problems: 0 },
      ]);

      // The history rewritten (a force push): indexed again from the start.
      state.history = [
        commit('2026-10-26T09:00:00Z', {
          'apps/solo.yaml': serviceManifest('solo'),
        }),
      ];
      expect(await indexer.update()).toEqual({ commits: 1, restarted: true });
      expect(
        (await insights.adoption(4, undefined, now)).byWeek.map(
          w => w.applications,
        ),
      ).toEqual([0, 0, 0, 1]);
      expect((await insights.delivery(4, undefined, now)).deployments).toEqual([
        { week: '2026-10-26', environment: 'dev', count: 1 },
        { week: '2026-10-26', environment: 'prod', count: 1 },
        { week: '2026-10-26', environment: 'staging', count: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes each commit in once when two backend instances update at the same moment, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const state = { history: knownHistory() };
      const instance = () =>
        new GitOpsHistoryIndexer({
          knex,
          repository: repositoryOf(state),
          logger: mockServices.logger.mock(),
          pageSize: 1,
        });
      const [a, b] = [instance(), instance()];
      const updates = await Promise.all([a.update(), b.update()]);
      // Between them, every commit once; then neither has anything left.
      expect(updates[0].commits + updates[1].commits).toBeGreaterThanOrEqual(7);
      expect(await a.update()).toEqual({ commits: 0, restarted: false });
      expect(await b.update()).toEqual({ commits: 0, restarted: false });
      const store = new HistoryStore(knex);
      expect(await store.indexed()).toMatchObject({
        revision: state.history[6].revision,
        commits: 7,
      });
      // No span or deployment written twice: the figures are those of one instance.
      const insights = new HistoryInsights({ store, environments });
      expect((await insights.delivery(4, undefined, now)).deployments).toEqual([
        { week: '2026-10-05', environment: 'dev', count: 3 },
        { week: '2026-10-12', environment: 'staging', count: 1 },
        { week: '2026-10-19', environment: 'prod', count: 1 },
        { week: '2026-10-26', environment: 'prod', count: 1 },
      ]);
      expect(
        Number((await knex('slipway_manifest_spans').count({ n: '*' }))[0].n),
      ).toBe(5);
    },
  );

  it('says why there is no history for a plain folder, or before the first read', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const store = new HistoryStore(knex);
    expect(
      await new HistoryInsights({
        store,
        environments,
        unavailable: 'A plain folder keeps no history.',
      }).state(),
    ).toEqual({ unavailable: 'A plain folder keeps no history.' });
    expect(
      (
        await new HistoryInsights({ store, environments }).adoption(
          2,
          undefined,
          now,
        )
      ).history,
    ).toEqual({
      unavailable: expect.stringMatching(/not been read yet/),
    });
  });
});
