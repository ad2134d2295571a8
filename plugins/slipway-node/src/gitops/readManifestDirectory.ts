import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import {
  checkManifestSet,
  ManifestProblem,
  ManifestSet,
  MANIFEST_LIMITS,
  parseManifest,
  ParsedManifest,
  tooLarge,
} from '@slipway/backstage-plugin-slipway-common';

/** Most files looked at in one repository; past this the read stops with a problem instead of running away. */
const MAX_FILES = 100_000;
const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * Whether a file of the repository (a path relative to its root, with forward slashes) is one the read takes for a
 * manifest: `*.yaml` or `*.yml` under `subPath`, in no hidden folder.
 */
export function isManifestPath(path: string, subPath = ''): boolean {
  const prefix = subPath.replace(/^\/+|\/+$/g, '');
  if (prefix && !path.startsWith(`${prefix}/`)) return false;
  return (
    MANIFEST_FILE.test(path) &&
    !path.split('/').some(segment => segment.startsWith('.'))
  );
}

/**
 * Reads every manifest (`*.yaml`, `*.yml`) under `root/subPath`, skipping hidden folders (`.git`, `.github`) and
 * symbolic links (which could point outside the repository). Files over the size limit are reported without being
 * read. Paths in messages are relative to `root`, with forward slashes.
 *
 * @public
 */
export async function readManifestDirectory(
  root: string,
  options: { subPath?: string; environments?: readonly string[] } = {},
): Promise<ManifestSet> {
  const problems: ManifestProblem[] = [];
  const parsed: ParsedManifest[] = [];
  let seen = 0;

  async function visit(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(dir, entry.name);
      const path = relative(root, absolute).split(sep).join(posix.sep);
      if (++seen > MAX_FILES) {
        problems.push({
          path,
          severity: 'error',
          message: `more than ${MAX_FILES} files; the rest were not read`,
        });
        return;
      }
      if (entry.isDirectory()) {
        await visit(absolute);
      } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
        const { size } = await lstat(absolute);
        if (size > MANIFEST_LIMITS.maxBytes) {
          problems.push(tooLarge(path, size));
          continue;
        }
        const result = parseManifest(await readFile(absolute), {
          path,
          environments: options.environments,
        });
        problems.push(...result.problems);
        if (result.manifest) parsed.push(result.manifest);
      } else if (entry.isSymbolicLink() && MANIFEST_FILE.test(entry.name)) {
        problems.push({
          path,
          severity: 'warning',
          message: 'symbolic links are not followed; this file is ignored',
        });
      }
    }
  }

  const start = join(root, options.subPath ?? '');
  if (relative(root, start).startsWith('..')) {
    throw new Error(`${options.subPath} is outside the repository`);
  }
  await visit(start);
  const set = checkManifestSet(parsed);
  return { ...set, problems: [...problems, ...set.problems] };
}
