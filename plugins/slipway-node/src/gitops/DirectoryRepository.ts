import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifestDirectory } from './readManifestDirectory';
import { GitOpsChangeResult, GitOpsRepository, GitOpsSnapshot } from './types';

/**
 * Manifests in a plain folder (not a git repository): read-only. Useful for trying Slipway on a folder of manifests
 * and in tests; Promote and templates need a git repository.
 *
 * @public
 */
export class DirectoryRepository implements GitOpsRepository {
  readonly description: string;

  constructor(private readonly options: { directory: string; path: string }) {
    this.description = options.directory;
  }

  async read(
    options: { environments?: readonly string[] } = {},
  ): Promise<GitOpsSnapshot> {
    const set = await readManifestDirectory(this.options.directory, {
      subPath: this.options.path,
      environments: options.environments,
    });
    return { revision: await this.fingerprint(), set };
  }

  async change(): Promise<GitOpsChangeResult> {
    throw new Error(
      `${this.options.directory} is a plain folder, not a git repository, so Slipway cannot change it; point slipway.gitops.url at a git repository`,
    );
  }

  fileUrl() {
    return undefined;
  }

  locationRef(path: string) {
    return `file:${join(this.options.directory, path)}`;
  }

  /** Stands in for a commit id: changes when any file's name, size or modification time changes. */
  private async fingerprint() {
    const hash = createHash('sha1');
    const walk = async (dir: string) => {
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort(
        (a, b) => a.name.localeCompare(b.name),
      )) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          const { size, mtimeMs } = await stat(path);
          hash.update(`${path}\0${size}\0${mtimeMs}\n`);
        }
      }
    };
    await walk(this.options.directory);
    return `dir-${hash.digest('hex').slice(0, 12)}`;
  }
}
