import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import {
  readDatabaseCopyConfig,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { createDbCopyAction, DatabaseClaimants } from './dbCopyAction';
import { PostgresCopyExecutor } from './PostgresCopyExecutor';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionAuthorizer } from '../engine/ActionAuthorizer';
import { ActionRegistry } from '../engine/ActionRegistry';
import { RunStore } from '../engine/RunStore';
import { CopyDropper } from './CopyDropper';
import { DatabaseCopyJanitor } from './DatabaseCopyJanitor';
import { DatabaseCopyService } from './DatabaseCopyService';
import { DatabaseCopyStore } from './DatabaseCopyStore';

/**
 * Database copies, wired into the plugin in two steps: `create` reads `slipway.databases` and adds the db-copy
 * action and its executor to the registry (before the registry checks the environments' action settings); `start`,
 * once the engine's pieces exist, schedules the expiry task and returns the service behind the copies API.
 */
export class DatabaseCopies {
  private constructor(
    readonly store: DatabaseCopyStore,
    private readonly config: ReturnType<typeof readDatabaseCopyConfig>,
  ) {}

  static async create(options: {
    config: Config;
    slipwayConfig: SlipwayConfig;
    /** The plugin's database, migrated (slipwayDatabase). */
    knex: Knex;
    registry: ActionRegistry;
    /** The applications whose manifests declare a database (the GitOps repository's index). */
    claimants: DatabaseClaimants;
  }): Promise<DatabaseCopies> {
    const config = readDatabaseCopyConfig(
      options.config,
      options.slipwayConfig.environments,
    );
    const store = new DatabaseCopyStore(options.knex);
    const { claimants } = options;
    options.registry.addAction(createDbCopyAction(config, claimants));
    options.registry.addExecutor(
      new PostgresCopyExecutor({ config, store, claimants }),
    );
    return new DatabaseCopies(store, config);
  }

  async start(deps: {
    scheduler: SchedulerService;
    auditor: AuditorService;
    authorizer: ActionAuthorizer;
    applications: ApplicationCatalog;
    runs: RunStore;
    logger: LoggerService;
  }): Promise<DatabaseCopyService> {
    const dropper = new CopyDropper({
      store: this.store,
      config: this.config,
      auditor: deps.auditor,
      runs: deps.runs,
      logger: deps.logger,
    });
    await new DatabaseCopyJanitor({
      store: this.store,
      runs: deps.runs,
      dropper,
      logger: deps.logger,
    }).schedule(deps.scheduler, this.config.expiryCheckSeconds);
    return new DatabaseCopyService({
      store: this.store,
      config: this.config,
      applications: deps.applications,
      authorizer: deps.authorizer,
      auditor: deps.auditor,
      dropper,
    });
  }
}
