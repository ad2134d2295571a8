import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GitOpsConfig } from '../config';
import { IntegrationGitCli } from './IntegrationGitCli';
import { DirectoryRepository } from './DirectoryRepository';
import { GitHubPullRequestWriter } from './GitHubPullRequestWriter';
import { isLocal, normalizeRepositoryUrl } from './gitUrls';
import { GitRepository } from './GitRepository';
import { GitOpsRepository } from './types';
import { PullRequestRepository } from './PullRequestRepository';

/**
 * The GitOps repository `slipway.gitops` names: a local folder that is not a git repository is read as a folder;
 * anything else is a git repository, changed by commits, or by GitHub pull requests when `changes: pull-request`.
 * Its clone lives under `options.workingDirectory`, by default the backend's `backend.workingDirectory`.
 *
 * @public
 */
export function createGitOpsRepository(
  config: Config,
  gitops: GitOpsConfig,
  options: { workingDirectory?: string } = {},
): GitOpsRepository {
  const url = normalizeRepositoryUrl(gitops.url);
  if (isLocal(url)) {
    const directory = fileURLToPath(url);
    const isGit =
      existsSync(join(directory, '.git')) ||
      existsSync(join(directory, 'HEAD'));
    if (existsSync(directory) && statSync(directory).isDirectory() && !isGit) {
      return new DirectoryRepository({ directory, path: gitops.path });
    }
  }

  const integrations = ScmIntegrations.fromConfig(config);
  const git = new IntegrationGitCli(integrations, url);
  const repository = new GitRepository({
    url,
    branch: gitops.branch,
    path: gitops.path,
    git,
    workingDirectory:
      options.workingDirectory ??
      config.getOptionalString('backend.workingDirectory'),
  });
  if (gitops.changes !== 'pull-request') return repository;

  const github = integrations.github.byUrl(url);
  if (!github) {
    throw new Error(
      `slipway.gitops.changes: pull requests need a GitHub repository with an integration (integrations.github); ${url} has none`,
    );
  }
  const writer = new GitHubPullRequestWriter({
    ...GitHubPullRequestWriter.parseRepositoryUrl(url),
    branch: gitops.branch,
    octokit: async () => {
      const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
        integrations,
      ).getCredentials({ url });
      return new Octokit({ auth: token, baseUrl: github.config.apiBaseUrl });
    },
  });
  return new PullRequestRepository(repository, writer);
}
