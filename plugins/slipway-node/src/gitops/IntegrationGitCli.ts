import { ScmIntegrations } from '@backstage/integration';
import { credentialsForUrl } from './credentials';
import { GitCli } from './GitCli';

/** Credentials are looked up when git runs: tokens of GitHub Apps expire after an hour. */
export class IntegrationGitCli extends GitCli {
  constructor(
    private readonly integrations: ScmIntegrations,
    private readonly url: string,
  ) {
    super();
  }

  async run(args: string[], cwd?: string) {
    const credentials = await credentialsForUrl(this.integrations, this.url);
    return new GitCli({ credentials }).run(args, cwd);
  }
}
