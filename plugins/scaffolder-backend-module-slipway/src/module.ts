import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  createGitOpsRepository,
  GitRepository,
  readSlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { defaultAuthorFromConfig } from './actions/commitAuthor';
import { createManifestCreateAction } from './actions/createManifest';
import { createPublishLocalAction } from './actions/publishLocal';
import { createPublishRepositoryAction } from './actions/publishRepository';
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
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        scaffolderActions,
        config,
        events,
        lifecycle,
        actions,
        catalog,
        auth,
      }) {
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
        const catalogWaitSeconds =
          config.getOptionalNumber('slipway.scaffolder.catalogWaitSeconds') ??
          30;

        const publishLocal = createPublishLocalAction({
          repositories: directory
            ? new LocalRepositories({ directory })
            : undefined,
          defaultAuthor,
          defaultCommitMessage: config.getOptionalString(
            'scaffolder.defaultCommitMessage',
          ),
        });
        const integrations = ScmIntegrations.fromConfig(config);
        const publishGithub = createPublishGithubAction({
          integrations,
          config,
          githubCredentialsProvider:
            DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        });

        scaffolderActions.addActions(
          createManifestCreateAction({
            repository,
            gitops: slipway.gitops,
            environments: slipway.environments.map(env => env.name),
            events,
            defaultAuthor,
            // Asked as this backend: whether the entity exists, not what the person may see of it.
            catalog: catalogWaitSeconds
              ? {
                  getEntityByRef: async entityRef =>
                    catalog.getEntityByRef(entityRef, {
                      credentials: await auth.getOwnServiceCredentials(),
                    }),
                }
              : undefined,
            catalogWaitMs: catalogWaitSeconds * 1000,
          }),
          publishLocal,
          createPublishRepositoryAction({
            local: publishLocal,
            github: publishGithub as TemplateAction<any, any, any>,
          }),
          createRunAction({ actions }),
        );
      },
    });
  },
});
