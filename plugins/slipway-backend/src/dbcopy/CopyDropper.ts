import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseCopyConfig } from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import { PostgresAdmin } from './PostgresAdmin';
import { RunStore } from '../engine/RunStore';
import { auditCopy, CopyAuditEventId } from './copyAudit';
import {
  DatabaseCopy,
  DatabaseCopyStatus,
  DatabaseCopyStore,
} from './DatabaseCopyStore';

/** Why and by whom a copy is dropped. */
export interface DropRequest {
  /** The statuses it may be taken from; when it is in another, someone else got there first. */
  from: DatabaseCopyStatus[];
  /** Recorded with the copy and in its run's log, e.g. `expired` or `destroyed by user:default/alice`. */
  reason: string;
  eventId: CopyAuditEventId;
  /** `failed` for the leftovers of a failed run. */
  finalStatus: 'dropped' | 'failed';
  request?: Request<any, any, any, any, any>;
}

/**
 * Drops copies and records it, for every path that ends a copy (destroyed by a person, expired, left behind by a
 * run that did not finish): the copies table, an audit event with the application and environment, and a line in
 * the log of the run that made the copy.
 */
export class CopyDropper {
  constructor(
    private readonly deps: {
      store: DatabaseCopyStore;
      config: DatabaseCopyConfig;
      auditor: AuditorService;
      runs: RunStore;
      logger: LoggerService;
      admin?: PostgresAdmin;
    },
  ) {}

  private get admin() {
    return this.deps.admin ?? new PostgresAdmin();
  }

  /** Drops it; false when it was not in `from`. Throws (after recording the error) when the server refused. */
  async drop(copy: DatabaseCopy, request: DropRequest): Promise<boolean> {
    const { store, config, runs } = this.deps;
    if (!(await store.claimForDrop(copy.id, request.from, request.reason)))
      return false;
    const event = await auditCopy(this.deps.auditor, request.eventId, copy, {
      request: request.request,
      meta: { reason: request.reason },
    });
    try {
      const server = config.servers[copy.environment];
      if (!server)
        throw new Error(
          `no database server is configured for ${copy.environment} any more (slipway.databases.servers.${copy.environment})`,
        );
      await this.admin.drop(server, copy.database);
      await store.finishDrop(copy.id, request.finalStatus);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      await store.recordError(copy.id, message);
      await event.fail({ error: error as Error });
      this.deps.logger.warn(
        `Could not drop database copy ${copy.database} (${copy.environment}); will try again: ${message}`,
      );
      throw error;
    }
    await event.success();
    await runs
      .appendLog(
        copy.id,
        'info',
        `The copy ${copy.database} was dropped: ${request.reason}`,
      )
      .catch(error =>
        this.deps.logger.warn(
          `Could not write to the log of run ${copy.id}: ${error}`,
        ),
      );
    return true;
  }
}
