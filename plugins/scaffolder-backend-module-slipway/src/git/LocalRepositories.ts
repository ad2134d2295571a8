import {
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { GitCli } from '@slipway/backstage-plugin-slipway-node';

/** Lowercase DNS label: the same names as applications, and nothing a path could be made of. */
const REPOSITORY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const BRANCH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Where a local repository lives. @public */
export interface LocalRepositoryLocation {
  /** Absolute path of the bare repository. */
  path: string;
  /** `file://` URL to clone it from. */
  url: string;
}

/** Git refuses `<`, `>` and newlines in identities; a display name may hold anything. */
const plain = (value: string) => value.replace(/[<>\n\r]/g, '').trim();

/**
 * Bare git repositories in one folder on this machine (`<directory>/<name>.git`): where new services' code goes when
 * there is no git host, as in the local demo. Names are checked so that nothing is created outside the folder, and a
 * repository is never overwritten.
 *
 * @public
 */
export class LocalRepositories {
  private readonly directory: string;
  private readonly git: GitCli;

  constructor(options: {
    /** The folder, absolute or relative to the working directory. */
    directory: string;
    git?: GitCli;
  }) {
    this.directory = resolve(options.directory);
    this.git = options.git ?? new GitCli();
  }

  /** Checks a name and says where its repository is (or would be). Throws InputError for a name that is not plain. */
  locate(name: string): LocalRepositoryLocation {
    if (name.length > 100 || !REPOSITORY_NAME.test(name)) {
      throw new InputError(
        `"${name}" is not a valid repository name: use a lowercase DNS label (a-z, 0-9 and -, at most 100 characters)`,
      );
    }
    const path = resolveSafeChildPath(this.directory, `${name}.git`);
    return { path, url: pathToFileURL(path).href };
  }

  /** Does a repository (or anything else, even a dangling link) already take this name? */
  async exists(name: string): Promise<boolean> {
    const { path } = this.locate(name);
    return lstat(path).then(
      () => true,
      () => false,
    );
  }

  /**
   * Creates the bare repository `name` and pushes the files of `source` to `branch` as one commit. The repository is
   * claimed with an exclusive mkdir, so two runs for the same name cannot both succeed; when anything fails after the
   * claim the half-made repository is removed, so that the run can be retried.
   */
  async create(options: {
    name: string;
    source: string;
    branch: string;
    message: string;
    author: { name: string; email: string };
    description?: string;
  }): Promise<LocalRepositoryLocation & { commitHash: string }> {
    const { name, source, branch, message, author } = options;
    const location = this.locate(name);
    if (!BRANCH.test(branch) || branch.includes('..')) {
      throw new InputError(`"${branch}" is not a plain branch name`);
    }
    await this.checkSource(source);
    await mkdir(this.directory, { recursive: true });
    try {
      await mkdir(location.path);
    } catch (error: any) {
      if (error?.code === 'EEXIST') {
        throw new ConflictError(
          `A repository named "${name}" already exists in ${this.directory}; choose another name`,
        );
      }
      throw error;
    }

    const work = await mkdtemp(join(tmpdir(), 'slipway-publish-'));
    try {
      const git = (...args: string[]) => this.git.run(args, work);
      await git(
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${branch}`,
        location.path,
      );
      if (options.description) {
        // Shown by git web front ends (gitweb, cgit) as the repository's description.
        await writeFile(
          join(location.path, 'description'),
          `${plain(options.description)}\n`,
        );
      }
      // A copy, so that the workspace is left as it was for later steps; a .git folder in it is not published.
      await cp(source, work, {
        recursive: true,
        verbatimSymlinks: true,
        filter: path => basename(path) !== '.git',
      });
      await git('init', '--quiet', `--initial-branch=${branch}`);
      await git('add', '--all');
      await git(
        '-c',
        `user.name=${plain(author.name) || 'Scaffolder'}`,
        '-c',
        `user.email=${plain(author.email) || 'scaffolder@localhost'}`,
        '-c',
        'commit.gpgsign=false',
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        message,
      );
      await git('push', '--quiet', location.path, `HEAD:refs/heads/${branch}`);
      const commitHash = (await git('rev-parse', 'HEAD')).trim();
      return { ...location, commitHash };
    } catch (error) {
      await rm(location.path, { recursive: true, force: true });
      throw error;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Publishing an empty folder would fail deep inside git with "nothing to commit"; say what is wrong instead. */
  async checkSource(source: string) {
    const entries = await readdir(source).catch(() => undefined);
    if (!entries) {
      throw new InputError(
        `There is no folder ${source} in the workspace to publish`,
      );
    }
    if (!entries.some(entry => entry !== '.git')) {
      throw new InputError(
        `The workspace folder ${source} is empty: there is nothing to publish`,
      );
    }
  }
}
