import { GitCli } from './GitCli';
import { isManifestPath } from './readManifestDirectory';
import { GitOpsCommit } from './types';

const RECORD = '\x1e';
const FIELD = '\x1f';

/** The `--format` of a commit's header line: id, committer date, author, subject. */
export const COMMIT_FORMAT = `${RECORD}%H${FIELD}%cI${FIELD}%an${FIELD}%ae${FIELD}%s`;

/** Makes `git log` print each changed file whole: its diff's context is larger than any manifest. */
export const WHOLE_FILE_PATCH = [
  '--patch',
  '--unified=1000000',
  '--no-color',
  '--no-ext-diff',
  '--no-renames',
];

/** A commit's header and the patch printed after it, split from `git log --format=COMMIT_FORMAT --patch` output. */
export function splitCommits(output: string) {
  return output
    .split(RECORD)
    .slice(1)
    .map(record => {
      const newline = record.indexOf('\n');
      const header = newline < 0 ? record : record.slice(0, newline);
      const [revision, committedAt, name, email, subject] = header.split(FIELD);
      return {
        revision,
        committedAt,
        author: { name, email },
        subject,
        patch: newline < 0 ? '' : record.slice(newline + 1),
      };
    });
}

/**
 * The branch's commits in `range` (first-parent line, oldest first), each with the manifests under `subPath` it
 * changed as it left them — one `git log` for the whole range. A merge is diffed against its first parent: what
 * the merged pull request changed on the branch.
 */
export async function readCommits(
  git: GitCli,
  repository: string,
  options: { range: string; subPath: string },
): Promise<GitOpsCommit[]> {
  const prefix = options.subPath.replace(/^\/+|\/+$/g, '');
  const output = await git.run(
    [
      '-c',
      'core.quotePath=false',
      'log',
      '--reverse',
      '--first-parent',
      '--diff-merges=first-parent',
      `--format=${COMMIT_FORMAT}`,
      ...WHOLE_FILE_PATCH,
      options.range,
      '--',
      prefix || '.',
    ],
    repository,
  );
  return splitCommits(output).map(({ patch, ...commit }) => ({
    ...commit,
    files: filePatches(patch)
      .filter(file => isManifestPath(file.path, prefix))
      .map(({ path, text }) =>
        text === undefined ? { path } : { path, text },
      ),
  }));
}

/** Each file of a commit's patch, with the file as the commit left it (undefined: deleted); mode-only changes are left out. */
function filePatches(patch: string) {
  const files: Array<{ path: string; text?: string }> = [];
  for (const part of patch.split(/^diff --git /m).slice(1)) {
    const path = pathOf(part);
    if (path === undefined || /^Binary files /m.test(part)) continue;
    const text = postImage(part);
    if (text !== undefined) files.push({ path, text });
    else if (
      /^\+\+\+ \/dev\/null$/m.test(part) ||
      /^deleted file mode/m.test(part)
    )
      files.push({ path });
    else if (/^new file mode/m.test(part)) files.push({ path, text: '' });
  }
  return files;
}

/** The file's path from its `+++ b/…` line (`--- a/…` when deleted), or from the header when there is no diff. */
function pathOf(part: string): string | undefined {
  const after = /^\+\+\+ b\/(.*)$/m.exec(part)?.[1];
  const before = /^--- a\/(.*)$/m.exec(part)?.[1];
  const named = after ?? before;
  if (named !== undefined) return unquote(named.replace(/\t$/, ''));
  // An empty file added or deleted has no ---/+++ lines: `a/path b/path` on the header.
  const header = part.slice(0, part.indexOf('\n'));
  const match = /^a\/(.*) b\/(.*)$/.exec(header);
  return match ? unquote(match[2]) : undefined;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n' };

/** Git quotes a path with control characters or quotes (`"a\tb.yaml"`); this reads the common escapes. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  return path.slice(1, -1).replace(/\\([\\"tn])/g, (_, c) => ESCAPES[c] ?? c);
}

/**
 * A file after a commit, from its part of the commit's patch: undefined when there is no hunk (a merge `git log -p`
 * leaves out, an empty file) or the file was deleted.
 */
export function postImage(patch: string): string | undefined {
  const lines: string[] = [];
  let inHunk = false;
  let deleted = false;
  for (const line of patch.split('\n')) {
    // Every line of a hunk starts with ' ', '+', '-' or '\'; a header line can only appear between files.
    if (line.startsWith('diff --git ')) {
      inHunk = false;
      continue;
    }
    if (!inHunk) {
      if (line === '+++ /dev/null') deleted = true;
      if (line.startsWith('@@')) inHunk = true;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('+')) lines.push(line.slice(1));
  }
  if (deleted || !lines.length) return undefined;
  return `${lines.join('\n')}\n`;
}
