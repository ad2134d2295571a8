import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readSlipwayConfig } from '../config';
import { createGitOpsRepository } from './createGitOpsRepository';
import { ManifestIndex } from './ManifestIndex';
import { GitOpsRepository } from './types';

/**
 * The GitOps repository of `slipway.gitops` and its index of applications, once per backend: the catalog module reads
 * the manifests through it, and the Slipway backend looks up in the same index what it acts on.
 *
 * @public
 */
export interface SlipwayGitOpsService {
  repository: GitOpsRepository;
  index: ManifestIndex;
}

/**
 * The backend's {@link SlipwayGitOpsService}. Its default factory reads `slipway.*` and refuses to start with a message
 * naming the setting when it is missing or wrong.
 *
 * @public
 */
export const slipwayGitOpsServiceRef = createServiceRef<SlipwayGitOpsService>({
  id: 'slipway.gitops',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ config, lifecycle }) {
        const slipway = readSlipwayConfig(config);
        const repository = createGitOpsRepository(config, slipway.gitops);
        // Its clones would otherwise stay in the working directory after every start of the backend.
        lifecycle.addShutdownHook(() => repository.close?.());
        return {
          repository,
          index: new ManifestIndex({
            repository,
            environments: slipway.environments,
            maxAgeMs: slipway.gitops.refreshSeconds * 1000,
          }),
        };
      },
    }),
});
