import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import {
  readDatabaseCopyConfig,
  SlipwayActionsExtensionPoint,
  SlipwayConfig,
} from '@slipway/backstage-plugin-slipway-node';
import { createDbCopyAction, DatabaseClaimants } from './dbCopyAction';
import { PostgresCopyExecutor } from './PostgresCopyExecutor';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionAuthorizer } from '../engine/ActionAuthorizer';
import { RunStore } from '../engine/RunStore';
import { CopyDropper } from './CopyDropper';
import { DatabaseCopyJanitor } from './DatabaseCopyJanitor';
import { DatabaseCopyService } from './DatabaseCopyService';
import { DatabaseCopyStore } from './DatabaseCopyStore';

/**
 * Database copies, as one feature: reads `slipway.databases`, adds the db-copy action and its executor through the
 * actions extension point as any module would (before the plugin checks the environments' action settings), schedules
 * the expiry task, and returns the service behind the copies API.
 */
export async function registerDatabaseCopies(options: {
  /** The actions extension point's interface (not the plugin's registry). */
  actions: SlipwayActionsExtensionPoint;
  config: Config;
  slipwayConfig: SlipwayConfig;
  /** The plugin's database, migrated (slipwayDatabase). */
  knex: Knex;
  /** The applications whose manifests declare a database (the GitOps repository's index). */
  claimants: DatabaseClaimants;
  scheduler: SchedulerService;
  auditor: AuditorService;
  authorizer: ActionAuthorizer;
  applications: ApplicationCatalog;
  runs: RunStore;
  logger: LoggerService;
}): Promise<DatabaseCopyService> {
  const { claimants, auditor, runs, logger } = options;
  const config = readDatabaseCopyConfig(
    options.config,
    options.slipwayConfig.environments,
  );
  const store = new DatabaseCopyStore(options.knex);
  options.actions.addAction(createDbCopyAction(config, claimants));
  options.actions.addExecutor(
    new PostgresCopyExecutor({ config, store, claimants }),
  );
  const dropper = new CopyDropper({ store, config, auditor, runs, logger });
  await new DatabaseCopyJanitor({ store, runs, dropper, logger }).schedule(
    options.scheduler,
    config.expiryCheckSeconds,
  );
  return new DatabaseCopyService({
    store,
    config,
    applications: options.applications,
    authorizer: options.authorizer,
    auditor,
    dropper,
  });
}
