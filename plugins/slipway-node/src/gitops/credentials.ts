import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { GitCredentials } from './GitCli';

/**
 * Finds the credentials Backstage's integrations hold for a repository URL. Local repositories and hosts without an
 * integration need none (a public repository still clones).
 *
 * @public
 */
export async function credentialsForUrl(
  integrations: ScmIntegrations,
  url: string,
): Promise<GitCredentials | undefined> {
  if (!/^https?:\/\//.test(url)) return undefined;
  const integration = integrations.byUrl(url);
  if (!integration) return undefined;
  switch (integration.type) {
    case 'github': {
      const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
        integrations,
      ).getCredentials({ url });
      return token
        ? { username: 'x-access-token', password: token }
        : undefined;
    }
    case 'gitlab': {
      const token = integrations.gitlab.byUrl(url)?.config.token;
      return token ? { username: 'oauth2', password: token } : undefined;
    }
    case 'gitea': {
      const config = integrations.gitea.byUrl(url)?.config;
      return config?.username && config.password
        ? { username: config.username, password: config.password }
        : undefined;
    }
    case 'bitbucketServer': {
      const config = integrations.bitbucketServer.byUrl(url)?.config;
      if (config?.token)
        return { username: 'x-token-auth', password: config.token };
      return config?.username && config.password
        ? { username: config.username, password: config.password }
        : undefined;
    }
    case 'bitbucketCloud': {
      const config = integrations.bitbucketCloud.byUrl(url)?.config;
      return config?.username && config.appPassword
        ? { username: config.username, password: config.appPassword }
        : undefined;
    }
    default:
      return undefined;
  }
}
