import {
  COMMIT_FORMAT,
  postImage,
  splitCommits,
  WHOLE_FILE_PATCH,
} from './commitLog';
import { GitCli } from './GitCli';
import { GitOpsFileRevision } from './types';

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
      `--format=${COMMIT_FORMAT}`,
      ...WHOLE_FILE_PATCH,
      options.ref,
      '--',
      options.path,
    ],
    repository,
  );
  return splitCommits(output).map(({ patch, ...commit }) => {
    const text = postImage(patch);
    return { ...commit, ...(text !== undefined ? { text } : {}) };
  });
}

/** Checks a revision before it is handed to git. */
export function isCommitId(revision: string | undefined): revision is string {
  return revision !== undefined && COMMIT_ID.test(revision);
}
