import { GitCli } from './GitCli';
import { GitOpsFileRevision } from './types';

const RECORD = '\x1e';
const FIELD = '\x1f';

/** Commit ids only: anything else given as a revision would reach git's command line as an option or a range. */
const COMMIT_ID = /^[0-9a-f]{7,64}$/;

/**
 * The commits of `ref` that changed `path`, newest first, each with the file as it left it — read with one
 * `git log -p` rather than a `git show` per commit. The diff carries the whole file as context (`--unified` larger
 * than any manifest), so the file after each commit is its context and added lines.
 */
export async function readFileHistory(
  git: GitCli,
  repository: string,
  options: { ref: string; path: string; limit: number },
): Promise<GitOpsFileRevision[]> {
  const output = await git.run(
    [
      'log',
      `--max-count=${options.limit}`,
      `--format=${RECORD}%H${FIELD}%cI${FIELD}%an${FIELD}%ae${FIELD}%s`,
      '--patch',
      '--unified=1000000',
      '--no-color',
      '--no-ext-diff',
      '--no-renames',
      options.ref,
      '--',
      options.path,
    ],
    repository,
  );
  return output
    .split(RECORD)
    .slice(1)
    .map(record => {
      const newline = record.indexOf('\n');
      const header = newline < 0 ? record : record.slice(0, newline);
      const [revision, committedAt, name, email, subject] = header.split(FIELD);
      const text = postImage(newline < 0 ? '' : record.slice(newline + 1));
      return {
        revision,
        committedAt,
        author: { name, email },
        subject,
        ...(text !== undefined ? { text } : {}),
      };
    });
}

/** Checks a revision before it is handed to git. */
export function isCommitId(revision: string | undefined): revision is string {
  return revision !== undefined && COMMIT_ID.test(revision);
}

/**
 * The file after a commit, from the commit's patch: undefined when there is no patch (a merge, which `git log -p`
 * leaves out) or the file was deleted.
 */
function postImage(patch: string): string | undefined {
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
