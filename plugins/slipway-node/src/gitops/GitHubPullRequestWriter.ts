import { createHash, randomBytes } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { applyEdits, diffOf } from './applyEdits';
import { GitOpsChange, GitOpsChangeResult } from './types';

/**
 * Writes changes to a GitHub repository as pull requests through GitHub's REST API: a branch from the base branch,
 * one commit per changed file, and a pull request; the pull request's URL is returned.
 *
 * @public
 */
export class GitHubPullRequestWriter {
  constructor(
    private readonly options: {
      owner: string;
      repo: string;
      branch: string;
      /** Creates an authenticated client (tokens of GitHub Apps expire, so one per change). */
      octokit: () => Promise<Octokit>;
    },
  ) {}

  /** Parses `https://github.com/<owner>/<repo>(.git)`. */
  static parseRepositoryUrl(url: string): { owner: string; repo: string } {
    const match = /^https:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
    if (!match)
      throw new Error(
        `${url} is not a GitHub repository URL (https://<host>/<owner>/<repo>)`,
      );
    return { owner: match[1], repo: match[2] };
  }

  async change(change: GitOpsChange): Promise<GitOpsChangeResult> {
    const { owner, repo, branch } = this.options;
    const octokit = await this.options.octokit();
    const fileShas = new Map<string, string>();
    const files = await applyEdits(change, async path => {
      try {
        const { data } = await octokit.rest.repos.getContent({
          owner,
          repo,
          path,
          ref: branch,
        });
        if (Array.isArray(data) || data.type !== 'file')
          throw new Error(`${path} is not a file`);
        fileShas.set(path, data.sha);
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (error: any) {
        if (error?.status === 404) return undefined;
        throw error;
      }
    });
    const diff = diffOf(files);
    if (!files.length) return { status: 'unchanged', diff };
    if (change.dryRun) return { status: 'dry-run', diff };

    const head = `slipway/${slug(change.title)}-${
      change.key
        ? createHash('sha256').update(change.key).digest('hex').slice(0, 12)
        : randomBytes(3).toString('hex')
    }`;
    if (change.key) {
      const { data: pulls } = await octokit.rest.pulls.list({
        owner,
        repo,
        head: `${owner}:${head}`,
        state: 'all',
      });
      if (pulls.length)
        return {
          status: 'pull-request',
          diff,
          revision: pulls[0].head.sha,
          url: pulls[0].html_url,
          branch: head,
        };
    }
    const base = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: `heads/${branch}`,
    });
    try {
      await octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${head}`,
        sha: base.data.object.sha,
      });
    } catch (error: any) {
      // The same change was begun before (same key) and stopped before its pull request: start its branch over.
      if (!change.key || error?.status !== 422) throw error;
      await octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${head}`,
        sha: base.data.object.sha,
        force: true,
      });
    }
    let revision: string | undefined;
    for (const file of files) {
      const { data } = await octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: file.path,
        branch: head,
        message: change.title,
        content: Buffer.from(file.after, 'utf8').toString('base64'),
        sha: fileShas.get(file.path),
        author: change.author,
      });
      revision = data.commit.sha;
    }
    const pull = await octokit.rest.pulls.create({
      owner,
      repo,
      base: branch,
      head,
      title: change.title,
      body: change.description,
    });
    return {
      status: 'pull-request',
      diff,
      revision,
      url: pull.data.html_url,
      branch: head,
    };
  }
}

function slug(title: string) {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'change'
  );
}
