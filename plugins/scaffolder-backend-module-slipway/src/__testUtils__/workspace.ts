import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scaffolder workspace holding these files (path → text). */
export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-test-workspace-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const clones: string[] = [];

/** Removes the folders of cloneOf; call it after each test. */
export function removeClones() {
  for (const dir of clones.splice(0))
    rmSync(dir, { recursive: true, force: true });
}

/** Clones a repository into a fresh folder and returns a reader of its files and a git runner. */
export function cloneOf(url: string) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-test-clone-'));
  clones.push(dir);
  execFileSync('git', ['clone', '--quiet', url, dir], { stdio: 'pipe' });
  return {
    dir,
    read: (path: string) => readFileSync(join(dir, path), 'utf8'),
    git: (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, encoding: 'utf8' }),
  };
}
