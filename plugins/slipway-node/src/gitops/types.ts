import { ManifestSet } from '@slipway/backstage-plugin-slipway-common';

/** A change to files of the GitOps repository. @public */
export interface GitOpsChange {
  /**
   * Files to change by path in the repository. `edit` receives the file's current text (undefined when the file
   * does not exist) and returns the new text, or undefined to leave it as it is. It may run more than once (when
   * someone else pushed first, the change is made again on top of theirs), so it must only depend on its input.
   */
  files: Array<{
    path: string;
    edit(current: string | undefined): string | undefined;
  }>;
  /** Commit subject and pull request title. */
  title: string;
  /** Commit body and pull request description. */
  description?: string;
  /** The person the change is made for; the commit's author. */
  author: { name: string; email: string };
  /** Work out the diff, change nothing. */
  dryRun?: boolean;
  /**
   * Names the change across retries (e.g. the run id). Made again with the same key — a run resumed after its
   * backend died between opening a pull request and recording it — the pull request already opened is returned
   * instead of a second one. (A commit needs no key: its edit finds the file already changed.)
   */
  key?: string;
}

/** What a change did. @public */
export interface GitOpsChangeResult {
  status: 'committed' | 'pull-request' | 'unchanged' | 'dry-run';
  /** Unified diff of the change (also for dry runs). */
  diff: string;
  /** The commit made (commit and pull-request modes). */
  revision?: string;
  /** Where to see it: the pull request, or the commit when the host has a web view. */
  url?: string;
  /** The branch a pull request was opened from. */
  branch?: string;
}

/** One commit that changed a file, with the file as that commit left it. @public */
export interface GitOpsFileRevision {
  /** The commit id. */
  revision: string;
  /** When the commit landed (committer date, ISO 8601). */
  committedAt: string;
  /** Who wrote the change. */
  author: { name: string; email: string };
  /** The commit's subject line. */
  subject: string;
  /** The file after the commit; undefined when the commit deleted it (or git could not show it as text). */
  text?: string;
}

/** A commit of the branch, with the manifests it changed (against its first parent, as it landed on the branch). @public */
export interface GitOpsCommit {
  revision: string;
  /** When the commit landed (committer date, ISO 8601). */
  committedAt: string;
  author: { name: string; email: string };
  subject: string;
  /** The manifest files (`*.yaml`, `*.yml` under the manifests' path) it changed, each as it left it; `text` undefined: deleted. */
  files: Array<{ path: string; text?: string }>;
}

/** A page of the branch's commits, oldest first. @public */
export interface GitOpsCommitPage {
  /** The commits after the one named (all of them when none was), oldest first, at most the limit asked for. */
  commits: GitOpsCommit[];
  /** How many commits the page covers, those that changed no manifest (left out of `commits`) included. */
  walked: number;
  /** The last commit the page reaches: the next page starts after it. Undefined: the branch has no commits. */
  through?: string;
  /** More commits follow `through`. */
  more: boolean;
  /** The commit named is no longer in the branch's history (it was rewritten): the page starts at the first commit. */
  restarted: boolean;
}

/** The repository's manifests at one revision. @public */
export interface GitOpsSnapshot {
  revision: string;
  set: ManifestSet;
}

/**
 * The GitOps repository: read its manifests, and change them as commits or pull requests. One implementation per
 * kind of repository; pick one with `createGitOpsRepository`.
 *
 * @public
 */
export interface GitOpsRepository {
  /** `url@branch`, for messages. */
  readonly description: string;
  /** Reads and validates every manifest. */
  read(options?: { environments?: readonly string[] }): Promise<GitOpsSnapshot>;
  /** Makes a change (see GitOpsChange). Read-only repositories throw. */
  change(change: GitOpsChange): Promise<GitOpsChangeResult>;
  /**
   * The commits that changed one file, newest first, each with the file as it left it: at most `limit` (default
   * 100), starting from `revision` (default: the branch's head). Absent where the repository keeps no history (a
   * plain folder).
   */
  history?(
    path: string,
    options?: { revision?: string; limit?: number },
  ): Promise<GitOpsFileRevision[]>;
  /**
   * The branch's commits (its first-parent line: a merged pull request is one commit) after `after`, oldest first,
   * with the manifests each changed: at most `limit`. Commits that change no manifest are passed over but count
   * towards the limit. Absent where the repository keeps no history (a plain folder).
   */
  commits?(options: {
    after?: string;
    limit: number;
  }): Promise<GitOpsCommitPage>;
  /** A web page showing one file, when the host has one. */
  fileUrl(path: string): string | undefined;
  /** Where entities read from this repository say they came from (`backstage.io/managed-by-location`). */
  locationRef(path: string): string;
  /** Removes what it keeps on disk (its local clones); the backend calls it when it stops. */
  close?(): Promise<void>;
}
