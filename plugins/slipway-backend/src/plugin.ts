import {
  slipwayFeedbackReadPermission,
  slipwayInsightsAllPermission,
  slipwayNewsPublishPermission,
} from '@slipway/backstage-plugin-slipway-common';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ApprovalService } from './approvals/ApprovalService';
import { RunNotifier } from './approvals/RunNotifier';
import {
  SLIPWAY_GITOPS_CHANGED_TOPIC,
  manifestTemplateContext,
  publicRepositoryUrl,
  readSlipwayConfig,
  SlipwayActionsExtensionPoint,
  slipwayActionsExtensionPoint,
  slipwayGitOpsServiceRef,
} from '@slipway/backstage-plugin-slipway-node';
import { GitOpsPromoteExecutor } from './actions/promote/GitOpsPromoteExecutor';
import { promoteAction } from './actions/promote/promoteAction';
import { GitOpsPauseExecutor } from './actions/pause/GitOpsPauseExecutor';
import {
  createPauseAction,
  createResumeAction,
} from './actions/pause/pauseActions';
import { KubernetesPauseExecutor } from './actions/pause/KubernetesPauseExecutor';
import { PausedStates } from './actions/pause/PausedStates';
import { PauseSchedule } from './actions/pause/PauseSchedule';
import { PauseScheduler } from './actions/pause/PauseScheduler';
import { RunFeedbackService } from './feedback/RunFeedbackService';
import { NewsService } from './news/NewsService';
import { NewsStore } from './news/NewsStore';
import { PlatformFeedbackService } from './feedback/PlatformFeedbackService';
import { PlatformFeedbackStore } from './feedback/PlatformFeedbackStore';
import { InsightsService } from './insights/InsightsService';
import { InsightsStore } from './insights/InsightsStore';
import { GitOpsHistoryIndexer } from './insights/history/GitOpsHistoryIndexer';
import { HistoryInsights } from './insights/history/HistoryInsights';
import { HistoryStore } from './insights/history/HistoryStore';
import { DeployedVersions } from './actions/rollback/DeployedVersions';
import { GitOpsRollbackExecutor } from './actions/rollback/GitOpsRollbackExecutor';
import { createRollbackAction } from './actions/rollback/rollbackAction';
import { GitHubActionsRestartExecutor } from './actions/restart/GitHubActionsRestartExecutor';
import { KubernetesRestartExecutor } from './actions/restart/KubernetesRestartExecutor';
import { KubernetesClusters } from './kubernetes/KubernetesClusters';
import { slipwayDatabase } from './database/slipwayDatabase';
import { restartAction } from './actions/restart/restartAction';
import { WebhookRestartExecutor } from './actions/restart/WebhookRestartExecutor';
import { ArgoCdSyncExecutor } from './actions/sync/ArgoCdSyncExecutor';
import { createSyncAction } from './actions/sync/syncAction';
import { registerSlipwayActions } from './actionsRegistry/registerSlipwayActions';
import { ApplicationCatalog } from './catalog/ApplicationCatalog';
import { ActionAuthorizer } from './engine/ActionAuthorizer';
import { ActionEngine } from './engine/ActionEngine';
import { ActionRegistry } from './engine/ActionRegistry';
import { RunStore } from './engine/RunStore';
import { RunWorker } from './engine/RunWorker';
import { createRouter } from './router/createRouter';
import { registerDatabaseCopies } from './dbcopy/registerDatabaseCopies';
import { EnvironmentStatusService } from './status/EnvironmentStatusService';

/**
 * Slipway's backend: each application's environments (desired and live state, links) and the self-service actions
 * (restart, promote, rollback, sync, pause, resume, db-copy, and those modules add through `slipwayActionsExtensionPoint`), offered through the REST
 * API and Backstage's actions registry.
 *
 * @public
 */
export const slipwayPlugin = createBackendPlugin({
  pluginId: 'slipway',
  register(env) {
    const registry = new ActionRegistry();
    // What modules add actions through; database copies, a feature of the plugin's own, add theirs through it too.
    const actions: SlipwayActionsExtensionPoint = {
      addAction: (...definitions) => registry.addAction(...definitions),
      addExecutor: (...executors) => registry.addExecutor(...executors),
    };
    env.registerExtensionPoint(slipwayActionsExtensionPoint, actions);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        gitops: slipwayGitOpsServiceRef,
      },
      async init(deps) {
        const { config, catalog, auth } = deps;
        const slipwayConfig = readSlipwayConfig(config);
        const { repository } = deps.gitops;
        const gitopsWriter = {
          repository,
          index: deps.gitops.index,
          config: slipwayConfig,
          catalog,
          auth,
          events: deps.events,
        };
        const kubernetes = KubernetesClusters.fromConfig(config);
        const pausedStates = new PausedStates(kubernetes);
        // Before the actions: Sync's availability and executor ask Argo CD through it.
        const status = new EnvironmentStatusService(
          slipwayConfig,
          pausedStates,
        );
        registry.addAction(
          restartAction,
          promoteAction,
          createRollbackAction(
            new DeployedVersions({ repository, index: deps.gitops.index }),
          ),
          createSyncAction(status),
          createPauseAction(pausedStates),
          createResumeAction(pausedStates),
        );
        registry.addExecutor(
          new KubernetesRestartExecutor(kubernetes),
          new GitHubActionsRestartExecutor(config),
          new WebhookRestartExecutor(),
          new GitOpsPromoteExecutor(gitopsWriter),
          new GitOpsRollbackExecutor(gitopsWriter),
          new ArgoCdSyncExecutor(status),
          new GitOpsPauseExecutor('pause', gitopsWriter),
          new GitOpsPauseExecutor('resume', gitopsWriter),
          new KubernetesPauseExecutor('pause', kubernetes, pausedStates),
          new KubernetesPauseExecutor('resume', kubernetes, pausedStates),
        );
        const knex = await slipwayDatabase(deps.database);
        const store = new RunStore(knex);
        const applications = new ApplicationCatalog(catalog, deps.gitops, auth);
        const authorizer = new ActionAuthorizer({
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          catalog,
          auth,
          config: slipwayConfig,
        });
        authorizer.register(deps.permissionsRegistry);
        // Not about a resource: listed so that policy editors and the permission backend know it.
        deps.permissionsRegistry.addPermissions([
          slipwayNewsPublishPermission,
          slipwayFeedbackReadPermission,
          slipwayInsightsAllPermission,
        ]);
        const databaseCopies = await registerDatabaseCopies({
          ...deps,
          actions,
          slipwayConfig,
          knex,
          claimants: database => deps.gitops.index.databaseClaimants(database),
          authorizer,
          applications,
          runs: store,
        });
        // Every action is added (the built-in ones, modules', database copies): check the environments' settings.
        registry.validate(slipwayConfig);
        const pauseSchedules = PauseSchedule.fromConfig(
          slipwayConfig.environments,
        );
        // What a platform engineer checks after installing (docs/install.md, step 7).
        deps.logger.info(
          `Slipway: ${
            slipwayConfig.environments.length
          } environments (${slipwayConfig.environments
            .map(e => e.name)
            .join(', ')}); GitOps repository ${publicRepositoryUrl(
            slipwayConfig.gitops.url,
          )}`,
        );

        const notifier = new RunNotifier({
          notifications: deps.notifications,
          logger: deps.logger,
          words: {
            titles: refs => authorizer.titles(refs),
            actionTitle: id => registry.action(id)?.title,
            environmentTitle: name =>
              slipwayConfig.environments.find(e => e.name === name)?.title,
          },
        });
        const worker = new RunWorker({
          onFinished: run => notifier.finished(run),
          store,
          registry,
          applications,
          auditor: deps.auditor,
          config: slipwayConfig,
          logger: deps.logger,
          timing: slipwayConfig.runs,
        });
        // Runs of dead instances, found on every instance (a pass does nothing until the worker has started).
        await worker.schedule(deps.scheduler);
        const approvals = new ApprovalService({
          store,
          config: slipwayConfig,
          applications,
          authorizer,
          auditor: deps.auditor,
          notifier,
          logger: deps.logger,
          onApproved: () => worker.poll(),
        });
        await approvals.schedule(deps.scheduler);
        const engine = new ActionEngine({
          approvals,
          store,
          registry,
          applications,
          authorizer,
          status,
          auditor: deps.auditor,
          config: slipwayConfig,
          logger: deps.logger,
          worker,
        });

        await new PauseScheduler({
          schedules: pauseSchedules,
          applications: () => deps.gitops.index.applications(),
          pausedIn: (app, name) => {
            const environment = slipwayConfig.environments.find(
              e => e.name === name,
            )!;
            return pausedStates.of({
              application: app.spec,
              environment,
              templateContext: () =>
                manifestTemplateContext(app.manifest, environment),
            });
          },
          recentRuns: query => store.recentRuns(query),
          requestScheduledRun: (input, schedule) =>
            engine.requestScheduledRun(input, schedule),
          logger: deps.logger,
        }).schedule(deps.scheduler);

        // The same engine for MCP clients and templates (Backstage's actions registry).
        registerSlipwayActions({
          actionsRegistry: deps.actionsRegistry,
          engine,
          store,
          auth,
        });

        // Insights' index of the GitOps history: only new commits, on one instance at a time.
        const historyIndexer = new GitOpsHistoryIndexer({
          knex,
          repository,
          logger: deps.logger,
        });
        await historyIndexer.schedule(
          deps.scheduler,
          slipwayConfig.gitops.refreshSeconds,
        );
        // Slipway's own commits (Promote, Rollback, Pause, templates) are taken in at once, not at the next read.
        await deps.events.subscribe({
          id: 'slipway-gitops-history',
          topics: [SLIPWAY_GITOPS_CHANGED_TOPIC],
          onEvent: async () => {
            await historyIndexer
              .update()
              .catch(error =>
                deps.logger.warn(
                  `Insights could not read the GitOps repository's new commits: ${error}`,
                ),
              );
          },
        });
        const history = new HistoryInsights({
          store: new HistoryStore(knex),
          environments: slipwayConfig.environments,
          ...(historyIndexer.available
            ? {}
            : {
                unavailable: `${repository.description} (slipway.gitops.url) is a plain folder, not a git repository, so it keeps no history to count adoption and deliveries from.`,
              }),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            registry,
            applications,
            status,
            engine,
            store,
            approvals,
            databaseCopies,
            feedback: new RunFeedbackService({
              engine,
              store,
              auditor: deps.auditor,
              config: slipwayConfig,
            }),
            news: new NewsService({
              store: new NewsStore(knex),
              permissions: deps.permissions,
              auditor: deps.auditor,
              logger: deps.logger,
              notifications: deps.notifications,
            }),
            platformFeedback: new PlatformFeedbackService({
              store: new PlatformFeedbackStore(knex),
              permissions: deps.permissions,
              auditor: deps.auditor,
            }),
            insights: new InsightsService({
              store: new InsightsStore(knex),
              history,
              owners: async () =>
                new Map(
                  (
                    await deps.gitops.index.applications()
                  ).map(app => [app.name, app.owner]),
                ),
              permissions: deps.permissions,
              userInfo: deps.userInfo,
              applications,
            }),
          }),
        );
        deps.lifecycle.addStartupHook(() => worker.start());
        deps.lifecycle.addShutdownHook(() => worker.stop());
      },
    });
  },
});
