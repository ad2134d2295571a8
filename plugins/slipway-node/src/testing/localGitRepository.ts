import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real git repository on disk for tests: a bare "remote" and a working copy to commit to it, like a GitOps
 * repository someone else also pushes to.
 *
 * @public
 */
export class LocalGitRepository {
  readonly root: string;
  readonly remote: string;
  private readonly work: string;

  /** `root`: a folder to make it in, or that holds one already (default: a new temporary one). */
  constructor(readonly branch = 'main', root?: string) {
    this.root = root ?? mkdtempSync(join(tmpdir(), 'slipway-test-git-'));
    mkdirSync(this.root, { recursive: true });
    this.remote = join(this.root, 'remote.git');
    this.work = join(this.root, 'work');
    // A folder that already holds one (a second process of the same test) is taken as it is.
    if (existsSync(this.remote)) return;
    this.git(
      this.root,
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${branch}`,
      this.remote,
    );
    this.git(this.root, 'clone', '--quiet', this.remote, this.work);
    this.git(this.work, 'checkout', '--quiet', '-B', branch);
  }

  /** Commits files (path → text; null deletes) and pushes them; returns the commit id. */
  commit(
    files: Record<string, string | null>,
    message = 'test commit',
  ): string {
    if (
      this.git(this.work, 'ls-remote', '--heads', 'origin', this.branch).trim()
    ) {
      this.git(
        this.work,
        'pull',
        '--quiet',
        '--ff-only',
        'origin',
        this.branch,
      );
    }
    for (const [path, text] of Object.entries(files)) {
      const absolute = join(this.work, path);
      if (text === null) {
        this.git(this.work, 'rm', '--quiet', '-r', '--', path);
      } else {
        mkdirSync(dirname(absolute), { recursive: true });
        writeFileSync(absolute, text);
        this.git(this.work, 'add', '--', path);
      }
    }
    this.git(
      this.work,
      '-c',
      'user.name=Tester',
      '-c',
      'user.email=tester@example.com',
      'commit',
      '--quiet',
      '-m',
      message,
    );
    this.git(
      this.work,
      'push',
      '--quiet',
      'origin',
      `HEAD:refs/heads/${this.branch}`,
    );
    return this.head();
  }

  /** Whether the last commit made here has a file at `path`. */
  has(path: string): boolean {
    return existsSync(join(this.work, path));
  }

  /** The commit the branch points at in the remote. */
  head(): string {
    return this.git(this.remote, 'rev-parse', this.branch).trim();
  }

  /** Runs git in the remote and returns its output, e.g. `log -1 --format=%an`. */
  inspect(...args: string[]): string {
    return this.git(this.remote, ...args);
  }

  remove() {
    rmSync(this.root, { recursive: true, force: true });
  }

  private git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}
