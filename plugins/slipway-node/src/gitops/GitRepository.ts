import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyEdits, diffOf } from './applyEdits';
import { readCommits } from './commitLog';
import { isCommitId, readFileHistory } from './fileHistory';
import { GitCli } from './GitCli';
import { webUrlOf } from './gitUrls';
import { readManifestDirectory } from './readManifestDirectory';
import {
  GitOpsChange,
  GitOpsChangeResult,
  GitOpsCommitPage,
  GitOpsFileRevision,
  GitOpsRepository,
  GitOpsSnapshot,
} from './types';

/**
 * Pushes tried before a change gives up. Changes of one instance go one at a time, so a push is refused only because
 * another instance, a person or CI pushed in between; each try makes the change again on top of their commit.
 */
const PUSH_ATTEMPTS = 6;
/** What git says when the branch moved under a push (including two pushes reaching the remote at once). */
const BRANCH_MOVED = /rejected|fetch first|non-fast-forward|cannot lock ref/i;

/**
 * A GitOps repository reached with the git command line: any host Backstage's integrations give credentials for,
 * or a repository on this machine. Changes are commits pushed to the branch; when someone else pushed first, the
 * change is made again on top of their commit.
 *
 * @public
 */
export class GitRepository implements GitOpsRepository {
  readonly description: string;
  private readCopy?: string;
  private reading: Promise<unknown> = Promise.resolve();
  /** A bare clone with the branch's whole history; the read copy is shallow, and stays so to read fast. */
  private historyCopy?: string;
  private historyReading: Promise<unknown> = Promise.resolve();
  /** Changes made by this instance, one after the other: racing each other's pushes, most would be refused. */
  private changing: Promise<unknown> = Promise.resolve();
  private changeCopy?: string;

  constructor(
    private readonly options: {
      url: string;
      branch: string;
      path: string;
      git: GitCli;
      /** Where clones are made. Default: the system's temporary folder. */
      workingDirectory?: string;
    },
  ) {
    this.description = `${options.url}@${options.branch}`;
  }

  read(
    options: { environments?: readonly string[] } = {},
  ): Promise<GitOpsSnapshot> {
    // One read at a time: they share the local copy.
    const next = this.reading.then(() => this.readNow(options));
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readNow(options: {
    environments?: readonly string[];
  }): Promise<GitOpsSnapshot> {
    const copy = this.readCopy;
    this.readCopy = undefined;
    this.readCopy = await this.atBranchHead(copy, 'read');
    const revision = (
      await this.options.git.run(['rev-parse', 'HEAD'], this.readCopy)
    ).trim();
    const set = await readManifestDirectory(this.readCopy, {
      subPath: this.options.path,
      environments: options.environments,
    });
    return { revision, set };
  }

  /**
   * A shallow working copy at the branch's head: `copy` fetched and reset (whatever was left in it is gone), or a new
   * clone where there is none yet, someone deleted it (a cleaned temporary folder), or it is damaged.
   */
  private async atBranchHead(
    copy: string | undefined,
    purpose: 'read' | 'change',
  ): Promise<string> {
    const { git, branch } = this.options;
    if (copy && existsSync(join(copy, '.git'))) {
      try {
        await git.run(
          [
            'fetch',
            '--quiet',
            '--depth',
            '1',
            'origin',
            `refs/heads/${branch}`,
          ],
          copy,
        );
        await git.run(['reset', '--quiet', '--hard', 'FETCH_HEAD'], copy);
        await git.run(['clean', '--quiet', '-fdx'], copy);
        return copy;
      } catch {
        // Thrown away; the clone below starts afresh (and fails if the remote is the problem).
      }
    }
    if (copy) await rm(copy, { recursive: true, force: true });
    const dir = await this.tempDir(purpose);
    try {
      await this.clone(dir);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return dir;
  }

  change(change: GitOpsChange): Promise<GitOpsChangeResult> {
    const next = this.changing.then(() => this.changeNow(change));
    this.changing = next.catch(() => undefined);
    return next;
  }

  private async changeNow(change: GitOpsChange): Promise<GitOpsChangeResult> {
    for (let attempt = 1; ; attempt++) {
      // One working copy for every change of this instance (they go one at a time), brought to the branch's head
      // each time: cheaper than a clone per change, and a change that failed half-way leaves nothing behind in it.
      const copy = this.changeCopy;
      this.changeCopy = undefined;
      const dir = await this.atBranchHead(copy, 'change');
      this.changeCopy = dir;
      const files = await applyEdits(change, path =>
        readFile(join(dir, path), 'utf8').catch(() => undefined),
      );
      const diff = diffOf(files);
      if (!files.length) return { status: 'unchanged', diff };
      if (change.dryRun) return { status: 'dry-run', diff };

      for (const file of files) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.after);
      }
      const { git, branch } = this.options;
      await git.run(['add', '--', ...files.map(f => f.path)], dir);
      await git.run(
        [
          '-c',
          'user.name=Slipway',
          '-c',
          'user.email=slipway@localhost',
          'commit',
          '--quiet',
          '--author',
          `${plain(change.author.name)} <${plain(change.author.email)}>`,
          '-m',
          change.title,
          ...(change.description ? ['-m', change.description] : []),
        ],
        dir,
      );
      const revision = (await git.run(['rev-parse', 'HEAD'], dir)).trim();
      try {
        await git.run(
          ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`],
          dir,
        );
      } catch (error) {
        if (attempt < PUSH_ATTEMPTS && BRANCH_MOVED.test(String(error))) {
          // Another writer of the branch: wait a little (longer each time, at random) so that two instances
          // retrying together do not collide again.
          await new Promise(r => setTimeout(r, Math.random() * 100 * attempt));
          continue;
        }
        throw error;
      }
      const web = webUrlOf(this.options.url);
      return {
        status: 'committed',
        diff,
        revision,
        url: web ? `${web}/commit/${revision}` : undefined,
      };
    }
  }

  history(
    path: string,
    options: { revision?: string; limit?: number } = {},
  ): Promise<GitOpsFileRevision[]> {
    // One at a time: they share the history copy, and a fetch must not run beside a log.
    const next = this.historyReading.then(() => this.historyNow(path, options));
    this.historyReading = next.catch(() => undefined);
    return next;
  }

  private async historyNow(
    path: string,
    options: { revision?: string; limit?: number },
  ): Promise<GitOpsFileRevision[]> {
    const { git, branch } = this.options;
    const revision = isCommitId(options.revision)
      ? options.revision
      : undefined;
    // Fetched only when the revision asked for is not here yet (or none was named): the index names the revision
    // it read, so the history of one revision costs one fetch, however often the portal asks.
    const copy = await this.historyCopyWith(revision);
    return readFileHistory(git, copy, {
      ref: revision ?? `refs/heads/${branch}`,
      path,
      limit: options.limit ?? 100,
    });
  }

  commits(options: {
    after?: string;
    limit: number;
  }): Promise<GitOpsCommitPage> {
    // Shares the history copy with history(): one at a time.
    const next = this.historyReading.then(() => this.commitsNow(options));
    this.historyReading = next.catch(() => undefined);
    return next;
  }

  private async commitsNow(options: {
    after?: string;
    limit: number;
  }): Promise<GitOpsCommitPage> {
    const { git, branch, path } = this.options;
    const copy = await this.historyCopyWith(undefined);
    const head = `refs/heads/${branch}`;
    // Each commit of the first-parent line with its first parent, oldest first: three git commands for an update
    // (fetch, this, log) — each costs a process, which in a large backend is what an update mostly costs.
    const list = async (range: string) =>
      (
        await git.run(
          ['rev-list', '--first-parent', '--reverse', '--parents', range],
          copy,
        )
      )
        .split('\n')
        .filter(Boolean)
        .map(line => line.split(' '));
    let after = isCommitId(options.after) ? options.after : undefined;
    let restarted = false;
    let listed = after
      ? await list(`${after}..${head}`).catch(() => undefined)
      : await list(head);
    if (after) {
      // `after` is still on the branch's line when the oldest new commit's parent is it, or nothing is new and the
      // head is it. Otherwise the history was rewritten (or `after` is unknown here): read from the start.
      const continues =
        listed !== undefined &&
        (listed.length
          ? listed[0][1] === after
          : (await git.run(['rev-parse', head], copy)).trim() === after);
      if (!continues) {
        after = undefined;
        restarted = true;
        listed = await list(head);
      }
    }
    const ids = listed!.map(([id]) => id);
    if (!ids.length)
      return { commits: [], walked: 0, through: after, more: false, restarted };
    const page = ids.slice(0, Math.max(1, options.limit));
    const through = page[page.length - 1];
    const commits = await readCommits(git, copy, {
      range: after ? `${after}..${through}` : through,
      subPath: path,
    });
    return {
      commits,
      walked: page.length,
      through,
      more: ids.length > page.length,
      restarted,
    };
  }

  /** The bare clone with the branch's whole history, fetched unless it holds `revision` already. */
  private async historyCopyWith(revision: string | undefined): Promise<string> {
    const { git, url, branch } = this.options;
    if (!this.historyCopy || !existsSync(join(this.historyCopy, 'HEAD'))) {
      const dir = await this.tempDir('history');
      try {
        await git.run(
          ['clone', '--quiet', '--bare', '--single-branch', '--branch'].concat([
            branch,
            '--',
            url,
            dir,
          ]),
        );
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      this.historyCopy = dir;
    }
    const copy = this.historyCopy;
    const known =
      revision !== undefined &&
      (await git.run(['cat-file', '-e', `${revision}^{commit}`], copy).then(
        () => true,
        () => false,
      ));
    if (!known)
      await git.run(
        [
          'fetch',
          '--quiet',
          'origin',
          `+refs/heads/${branch}:refs/heads/${branch}`,
        ],
        copy,
      );
    return copy;
  }

  fileUrl(path: string) {
    const web = webUrlOf(this.options.url);
    if (!web) return undefined;
    const blob = /gitlab/i.test(web) ? '-/blob' : 'blob';
    return `${web}/${blob}/${this.options.branch}/${path}`;
  }

  locationRef(path: string) {
    // A web page gets a `url` location (the catalog then links "View source" to it). A repository without one
    // gets a type of our own, so that nothing offers a link that cannot open.
    const view = this.fileUrl(path);
    return view
      ? `url:${view}`
      : `slipway-gitops:${this.options.url}#${this.options.branch}:${path}`;
  }

  /** Removes the local copies it keeps, once the reads and changes under way are done. */
  async close() {
    await Promise.all([this.reading, this.historyReading, this.changing]);
    for (const copy of [this.readCopy, this.historyCopy, this.changeCopy])
      if (copy) await rm(copy, { recursive: true, force: true });
    this.readCopy = undefined;
    this.historyCopy = undefined;
    this.changeCopy = undefined;
  }

  private async clone(dir: string) {
    const { git, url, branch } = this.options;
    await git.run([
      'clone',
      '--quiet',
      '--depth',
      '1',
      '--single-branch',
      '--branch',
      branch,
      '--',
      url,
      dir,
    ]);
  }

  private tempDir(purpose: string) {
    return mkdtemp(
      join(
        this.options.workingDirectory ?? tmpdir(),
        `slipway-gitops-${purpose}-`,
      ),
    );
  }
}

/** Git refuses `<`, `>` and newlines in identities; a display name from the catalog may hold anything. */
function plain(value: string) {
  return value.replace(/[<>\n\r]/g, '').trim() || 'unknown';
}
