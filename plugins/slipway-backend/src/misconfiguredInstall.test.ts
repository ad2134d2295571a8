import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { slipwayPlugin } from './plugin';

/*
 * A platform engineer's first start after following docs/install.md with a mistake: the backend refuses to start,
 * and the error names the setting to fix (Backstage prints it and exits, instead of serving an empty Platform tab).
 */
function start(slipway: JsonObject | undefined) {
  return startTestBackend({
    features: [
      slipwayPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({ data: slipway ? { slipway } : {} }),
    ],
  });
}

describe('a misconfigured install', () => {
  it('without slipway.environments refuses to start, naming the setting', async () => {
    await expect(start(undefined)).rejects.toThrow(
      'Missing configuration: slipway.environments and slipway.gitops are required',
    );
    await expect(
      start({ gitops: { url: 'https://github.com/acme/gitops' } }),
    ).rejects.toThrow(/slipway\.environments/);
  });

  it('with an executor that does not exist refuses to start, naming the setting and the executors there are', async () => {
    await expect(
      start({
        environments: [
          { name: 'dev', actions: { restart: { executor: 'helm' } } },
        ],
        gitops: { url: 'https://github.com/acme/gitops' },
      }),
    ).rejects.toThrow(
      'slipway.environments[0].actions.restart.executor: unknown executor "helm" (known: kubernetes, github-actions, webhook)',
    );
  });
});
