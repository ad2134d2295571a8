import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  GitOpsCommit,
  GitOpsRepository,
} from '@slipway/backstage-plugin-slipway-node';
import { Knex } from 'knex';
import { isUniqueViolation } from '../../engine/runRows';
import { ManifestState, manifestStateOf, sameSpan } from './manifestState';

/** Commits read and written per transaction: bounded memory, and an update that stops halfway keeps its pages. */
const PAGE = 1000;
/** Rows per insert statement (SQLite takes at most 32,766 bound values). */
const BATCH = 200;

/** Another backend instance took the page in first. */
class TakenElsewhere extends Error {}

/** What one update took in. */
export interface HistoryUpdate {
  /** Commits taken in (those that changed no manifest included). */
  commits: number;
  /** The history was rewritten (or another repository configured) and was indexed again from the start. */
  restarted: boolean;
}

interface OpenSpan extends ManifestState {
  /** Unset until inserted. */
  id?: number;
  path: string;
  fromAt: Date;
  toAt?: Date;
  /** The versions changed since the row was written. */
  dirty: boolean;
}

/**
 * Takes the GitOps repository's history into the database for Insights, commit by commit, and on each update only
 * the commits since the last one it took in: each manifest's spans of state (`slipway_manifest_spans`) and each
 * change of an environment's version (`slipway_deployments`). Pages of commits are written in one transaction each,
 * with the commit they reach, so that an update cut short resumes where it stopped.
 */
export class GitOpsHistoryIndexer {
  private running?: Promise<HistoryUpdate>;

  constructor(
    private readonly deps: {
      knex: Knex;
      repository: GitOpsRepository;
      logger: LoggerService;
      pageSize?: number;
    },
  ) {}

  /** Whether the repository keeps a history to index (a plain folder does not). */
  get available(): boolean {
    return Boolean(this.deps.repository.commits);
  }

  /** Takes in the commits since the last update; one at a time (a second caller joins the first). */
  update(): Promise<HistoryUpdate> {
    this.running ??= this.updateNow().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Every `seconds`, on one backend instance at a time. */
  async schedule(scheduler: SchedulerService, seconds: number) {
    if (!this.available) return;
    await scheduler.scheduleTask({
      id: 'slipway-gitops-history',
      frequency: { seconds },
      timeout: { minutes: 30 },
      fn: async () => {
        const { commits, restarted } = await this.update();
        if (commits || restarted)
          this.deps.logger.info(
            `Insights took in ${commits} commits of the GitOps repository${
              restarted ? ' (its history was rewritten: indexed again)' : ''
            }`,
          );
      },
    });
  }

  private async updateNow(): Promise<HistoryUpdate> {
    const { knex, repository } = this.deps;
    if (!repository.commits) return { commits: 0, restarted: false };
    const state = await knex('slipway_gitops_history').first();
    const sameRepository = state?.repository === repository.description;
    let after: string | undefined = sameRepository ? state.revision : undefined;
    let total = sameRepository ? Number(state.commits) : 0;
    let restarted = Boolean(state) && !sameRepository;
    let taken = 0;
    for (let first = true; ; first = false) {
      const page = await repository.commits({
        after,
        limit: this.deps.pageSize ?? PAGE,
      });
      const wipe = first && (restarted || page.restarted);
      restarted ||= page.restarted;
      if (!page.through || (page.through === after && !wipe)) break;
      const count = page.walked;
      const commits = (wipe ? 0 : total) + count;
      const row = {
        repository: repository.description,
        revision: page.through,
        commits,
        indexed_at: new Date(),
      };
      const from = after;
      try {
        await knex.transaction(async tx => {
          // The page is claimed before it is written: moving the state from `after` to the page's end (or making
          // it) holds its row until commit, so another instance taking in the same page at the same moment finds
          // the state moved (or made) and writes nothing.
          if (wipe) {
            await tx('slipway_deployments').delete();
            await tx('slipway_manifest_spans').delete();
            await tx('slipway_gitops_history').delete();
          }
          if (from === undefined || wipe)
            await tx('slipway_gitops_history').insert(row);
          else if (
            !(await tx('slipway_gitops_history')
              .where({ repository: repository.description, revision: from })
              .update(row))
          )
            throw new TakenElsewhere();
          await takeIn(tx, page.commits);
        });
      } catch (error) {
        // Another instance took this page in: it goes on from there.
        if (error instanceof TakenElsewhere || isUniqueViolation(error)) break;
        throw error;
      }
      taken += count;
      total = commits;
      after = page.through;
      if (!page.more) break;
    }
    return { commits: taken, restarted };
  }
}

/** Writes what a page of commits changed: spans closed and opened, versions changed, deployments. */
async function takeIn(tx: Knex.Transaction, commits: GitOpsCommit[]) {
  const paths = [...new Set(commits.flatMap(c => c.files.map(f => f.path)))];
  const open = new Map<string, OpenSpan>();
  for (let i = 0; i < paths.length; i += BATCH) {
    const rows = await tx('slipway_manifest_spans')
      .whereIn('path', paths.slice(i, i + BATCH))
      .whereNull('to_at');
    for (const row of rows)
      open.set(row.path, {
        id: Number(row.id),
        path: row.path,
        application: row.application ?? undefined,
        type: row.type ?? undefined,
        owner: row.owner ?? undefined,
        problem: Boolean(row.problem),
        versions: JSON.parse(row.versions),
        fromAt: new Date(row.from_at),
        dirty: false,
      });
  }
  const settled: OpenSpan[] = [];
  const deployments: object[] = [];
  for (const commit of commits) {
    const at = new Date(commit.committedAt);
    for (const file of commit.files) {
      const before = open.get(file.path);
      const after = manifestStateOf(file.path, file.text, before);
      if (after?.application && !after.problem) {
        const earlier =
          before?.application === after.application ? before.versions : {};
        for (const [environment, version] of Object.entries(after.versions))
          if (earlier[environment] !== version)
            deployments.push({
              application: after.application,
              environment,
              version,
              revision: commit.revision,
              author: commit.author.name.slice(0, 255),
              deployed_at: at,
            });
      }
      if (before && after && sameSpan(before, after)) {
        before.dirty ||=
          JSON.stringify(before.versions) !== JSON.stringify(after.versions);
        before.versions = after.versions;
        continue;
      }
      if (before) {
        before.toAt = at;
        settled.push(before);
        open.delete(file.path);
      }
      if (after)
        open.set(file.path, {
          ...after,
          path: file.path,
          fromAt: at,
          dirty: true,
        });
    }
  }
  const spans = [...settled, ...open.values()];
  const row = (span: OpenSpan) => ({
    path: span.path,
    application: span.application ?? null,
    type: span.type ?? null,
    owner: span.owner ?? null,
    problem: span.problem,
    versions: JSON.stringify(span.versions),
    from_at: span.fromAt,
    to_at: span.toAt ?? null,
  });
  for (const span of spans)
    if (span.id !== undefined && (span.dirty || span.toAt))
      await tx('slipway_manifest_spans')
        .where('id', span.id)
        .update({
          versions: JSON.stringify(span.versions),
          to_at: span.toAt ?? null,
        });
  const inserts = spans.filter(span => span.id === undefined).map(row);
  for (let i = 0; i < inserts.length; i += BATCH)
    await tx('slipway_manifest_spans').insert(inserts.slice(i, i + BATCH));
  for (let i = 0; i < deployments.length; i += BATCH)
    await tx('slipway_deployments').insert(deployments.slice(i, i + BATCH));
}
