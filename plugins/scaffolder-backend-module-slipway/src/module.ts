import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGitOpsRepository,
  GitRepository,
  readSlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { defaultAuthorFromConfig } from './actions/commitAuthor';
import { createManifestCreateAction } from './actions/createManifest';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRunAction } from './actions/runAction';
import { LocalRepositories } from './git/LocalRepositories';

/**
 * Scaffolder module: Slipway's template actions. `slipway:manifest:create` writes through the same GitOps repository
 * as Promote (commits, or GitHub pull requests); `slipway:publish:local` creates repositories on this machine when
 * `slipway.scaffolder.localRepositories` is configured; `slipway:action:run` runs a self-service action through
 * Slipway's engine (by way of the actions registry, so the slipway backend must be in `backend.actions.pluginSources`).
 *
 * @public
 */
export const scaffolderModuleSlipway = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'slipway',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
        actions: actionsServiceRef,
      },
      async init({ scaffolderActions, config, events, lifecycle, actions }) {
        // Checked here too, so that a wrong configuration stops the backend at start rather than a template later.
        const slipway = readSlipwayConfig(config);
        const repository = createGitOpsRepository(config, slipway.gitops);
        // The repository keeps a clone for reading (name checks); remove it when the backend stops.
        lifecycle.addShutdownHook(async () => {
          if (repository instanceof GitRepository) await repository.close();
        });
        const directory = config.getOptionalString(
          'slipway.scaffolder.localRepositories.directory',
        );
        const defaultAuthor = defaultAuthorFromConfig(config);

        scaffolderActions.addActions(
          createManifestCreateAction({
            repository,
            gitops: slipway.gitops,
            environments: slipway.environments.map(env => env.name),
            events,
            defaultAuthor,
          }),
          createPublishLocalAction({
            repositories: directory
              ? new LocalRepositories({ directory })
              : undefined,
            defaultAuthor,
            defaultCommitMessage: config.getOptionalString(
              'scaffolder.defaultCommitMessage',
            ),
          }),
          createRunAction({ actions }),
        );
      },
    });
  },
});
