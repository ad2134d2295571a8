import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  GitOpsRepository,
  ManifestIndex,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import {
  applicationEntities,
  EntityContext,
  systemEntity,
} from './manifestEntities';
import { ManifestReportStore } from './ManifestReportStore';

/** The scheduler task that reads the GitOps repository; trigger it to read now. */
export const MANIFEST_REFRESH_TASK = 'slipway-manifests-refresh';

/**
 * Turns the manifests of the GitOps repository into catalog entities: a System per System manifest, a Component per
 * Application and a Resource per component it declares. Each read replaces everything the provider emitted before
 * (a full mutation), so a deleted manifest deletes its entities. A manifest that does not validate is left out and
 * reported; a repository that cannot be read at all leaves the catalog as it was.
 */
export class SlipwayManifestProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastRevision?: string;

  constructor(
    private readonly options: {
      repository: GitOpsRepository;
      /** Reads the repository; the Slipway backend looks up what it acts on in the same index. */
      index: ManifestIndex;
      config: SlipwayConfig;
      store: ManifestReportStore;
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'slipway-manifests';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.scheduler.scheduleTask({
      id: MANIFEST_REFRESH_TASK,
      frequency: { seconds: this.options.config.gitops.refreshSeconds },
      timeout: { minutes: 10 },
      fn: () => this.refresh(),
    });
  }

  /** Reads the repository and updates the catalog; skipped when the commit was already read by this instance. */
  async refresh(): Promise<void> {
    const { repository, index, config, store, logger } = this.options;
    if (!this.connection)
      throw new Error('SlipwayManifestProvider is not connected yet');
    const readAt = new Date().toISOString();
    let snapshot;
    try {
      snapshot = await index.refresh();
    } catch (error) {
      logger.error(String((error as Error).message ?? error));
      await store.save({
        provider: this.getProviderName(),
        source: repository.description,
        readAt,
        applications: 0,
        systems: 0,
        error: String((error as Error).message ?? error),
        problems: [],
      });
      return;
    }
    if (snapshot.revision === this.lastRevision) return;

    const context: EntityContext = {
      environments: config.environments,
      grafanaDashboardSelector: config.catalog.grafanaDashboardSelector,
      locationRef: path => repository.locationRef(path),
      fileUrl: path => repository.fileUrl(path),
    };
    const locationKey = `${this.getProviderName()}:${repository.description}`;
    const entities = [
      ...snapshot.set.systems.map(m => systemEntity(m, context)),
      ...snapshot.set.applications.flatMap(m =>
        applicationEntities(m, context),
      ),
    ];
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey })),
    });
    await store.save({
      provider: this.getProviderName(),
      source: repository.description,
      revision: snapshot.revision,
      readAt,
      applications: snapshot.set.applications.length,
      systems: snapshot.set.systems.length,
      problems: snapshot.set.problems,
    });
    this.lastRevision = snapshot.revision;
    logger.info(
      `Read ${repository.description} at ${snapshot.revision}: ${snapshot.set.applications.length} applications, ${snapshot.set.systems.length} systems, ${snapshot.set.problems.length} problems`,
    );
  }
}
