import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  readSlipwayConfig,
  SLIPWAY_GITOPS_CHANGED_TOPIC,
  slipwayGitOpsServiceRef,
} from '@slipway/backstage-plugin-slipway-node';
import { ManifestReportStore } from './ManifestReportStore';
import { createManifestReportRouter } from './router';
import {
  MANIFEST_REFRESH_TASK,
  SlipwayManifestProvider,
} from './SlipwayManifestProvider';

/** A refused trigger is tried again this often, for up to a minute. */
const RETRY_MS = 1000;
const RETRIES = 60;

/**
 * Catalog module: application manifests in the GitOps repository become catalog entities, and the problems of the
 * last read are served at /api/catalog/slipway/manifest-report.
 *
 * @public
 */
export const catalogModuleSlipway = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slipway',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        events: eventsServiceRef,
        gitops: slipwayGitOpsServiceRef,
      },
      async init({
        catalog,
        config,
        database,
        scheduler,
        logger,
        httpRouter,
        httpAuth,
        events,
        gitops: { repository, index },
      }) {
        const slipwayConfig = readSlipwayConfig(config);
        const store = await ManifestReportStore.create(database);
        catalog.addEntityProvider(
          new SlipwayManifestProvider({
            repository,
            index,
            config: slipwayConfig,
            store,
            scheduler,
            logger,
          }),
        );
        httpRouter.use(createManifestReportRouter({ store, httpAuth }));

        // Slipway's own changes (Promote, templates) announce themselves, so the catalog reads them at once
        // instead of at the next scheduled read. A read under way may have begun before the change: the trigger is
        // then refused (ConflictError), and tried again once that read had time to end.
        const triggerRead = async (attempt: number): Promise<void> => {
          try {
            await scheduler.triggerTask(MANIFEST_REFRESH_TASK);
          } catch (error) {
            if (
              (error as Error).name === 'ConflictError' &&
              attempt < RETRIES
            ) {
              setTimeout(() => void triggerRead(attempt + 1), RETRY_MS).unref();
              return;
            }
            logger.warn(
              `Could not trigger a read of the GitOps repository: ${error}`,
            );
          }
        };
        await events.subscribe({
          id: 'catalog-slipway-manifests',
          topics: [SLIPWAY_GITOPS_CHANGED_TOPIC],
          onEvent: () => triggerRead(0),
        });
      },
    });
  },
});
