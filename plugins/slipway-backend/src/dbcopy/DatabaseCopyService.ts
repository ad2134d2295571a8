import type {
  DatabaseCopyConnection,
  DatabaseCopyView,
} from '@slipway/backstage-plugin-slipway-common';
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { slipwayActionExecutePermission } from '@slipway/backstage-plugin-slipway-common';
import { DatabaseCopyConfig } from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import { PostgresAdmin } from './PostgresAdmin';
import { credentialsSecret } from './PostgresCopyExecutor';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionAuthorizer } from '../engine/ActionAuthorizer';
import { auditCopy } from './copyAudit';
import {
  decryptPassword,
  encryptPassword,
  generatePassword,
  scramVerifier,
} from './copyCredentials';
import { CopyDropper } from './CopyDropper';
import { DatabaseCopy, DatabaseCopyStore } from './DatabaseCopyStore';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
type AnyRequest = Request<any, any, any, any, any>;

const HOUR = 3600_000;

/**
 * What people do with copies once they exist: list an application's copies, get the connection details of their own,
 * extend or destroy one. Who may: anyone who sees the application lists (without connection details); only the
 * requester gets the connection details; the requester, or whoever may run db-copy for that application in that
 * environment (`slipway.action.execute`, e.g. platform admins), extends and destroys.
 */
export class DatabaseCopyService {
  constructor(
    private readonly deps: {
      store: DatabaseCopyStore;
      config: DatabaseCopyConfig;
      applications: ApplicationCatalog;
      authorizer: ActionAuthorizer;
      auditor: AuditorService;
      dropper: CopyDropper;
      admin?: PostgresAdmin;
    },
  ) {}

  private get admin() {
    return this.deps.admin ?? new PostgresAdmin();
  }

  async list(
    ref: { namespace: string; name: string },
    credentials: UserCredentials,
  ): Promise<DatabaseCopyView[]> {
    const entity = await this.deps.applications.getApplication(
      ref,
      credentials,
    );
    const copies = await this.deps.store.listLive(stringifyEntityRef(entity));
    const others = copies.filter(c => !this.isMine(c, credentials));
    const allowed = await this.deps.authorizer.allowed(
      slipwayActionExecutePermission,
      others.map(c => this.target(c)),
      credentials,
    );
    const manage = new Map(others.map((c, i) => [c.id, allowed[i]]));
    return copies.map(copy =>
      this.view(copy, credentials, manage.get(copy.id) ?? false),
    );
  }

  /** The connection details of the caller's own ready copy. Audited (without them). */
  async connection(
    id: string,
    credentials: UserCredentials,
    request?: AnyRequest,
  ): Promise<DatabaseCopyConnection> {
    const copy = await this.visibleCopy(id, credentials);
    if (!this.isMine(copy, credentials))
      throw new NotAllowedError(
        `Only ${copy.requester}, who requested the copy ${copy.database}, may see its connection details`,
      );
    if (copy.status !== 'ready')
      throw new ConflictError(
        `The copy ${copy.database} is ${copy.status}, not ready to connect to`,
      );
    const server = this.deps.config.servers[copy.environment];
    if (!server)
      throw new ConflictError(
        `No database server is configured for ${copy.environment} any more`,
      );
    const event = await auditCopy(
      this.deps.auditor,
      'slipway-db-copy-credentials',
      copy,
      { request },
    );
    try {
      const secret = credentialsSecret(this.deps.config, server);
      const stored = await this.deps.store.encryptedPassword(copy.id);
      let password = stored && decryptPassword(stored, secret, copy.id);
      if (!password) {
        // The secret changed since (a rotated administrator password): give the role a new password.
        password = generatePassword();
        await this.admin.setPassword(
          server,
          copy.role,
          scramVerifier(password),
        );
        await this.deps.store.setPassword(
          copy.id,
          encryptPassword(password, secret, copy.id),
        );
      }
      await event.success();
      const url = `postgresql://${encodeURIComponent(
        copy.role,
      )}:${encodeURIComponent(password)}@${hostForUrl(server.clientHost)}:${
        server.port
      }/${encodeURIComponent(copy.database)}?sslmode=${server.sslmode}`;
      return {
        host: server.clientHost,
        port: server.port,
        database: copy.database,
        user: copy.role,
        password,
        sslmode: server.sslmode,
        url,
        expiresAt: copy.expiresAt.toISOString(),
      };
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Keeps a ready copy for `ttlHours` from now, within its maximum lifetime. */
  async extend(
    id: string,
    ttlHours: number,
    credentials: UserCredentials,
    request?: AnyRequest,
  ): Promise<DatabaseCopyView> {
    const copy = await this.manageableCopy(id, credentials, 'extend');
    if (!Number.isInteger(ttlHours) || ttlHours < 1)
      throw new InputError(
        'ttlHours: must be a whole number of hours, at least 1',
      );
    const expiresAt = new Date(Date.now() + ttlHours * HOUR);
    if (expiresAt > copy.maxExpiresAt) {
      const left = Math.floor(
        (copy.maxExpiresAt.getTime() - Date.now()) / HOUR,
      );
      throw new InputError(
        `ttlHours: the copy ${
          copy.database
        } may live until ${copy.maxExpiresAt.toISOString()} at most (${
          this.deps.config.ttl.maxHours
        } hours after it was made), so at most ${Math.max(left, 0)} more hours`,
      );
    }
    if (copy.status !== 'ready')
      throw new ConflictError(
        `The copy ${copy.database} is ${copy.status}; only a ready copy can be extended`,
      );
    const event = await auditCopy(
      this.deps.auditor,
      'slipway-db-copy-extend',
      copy,
      {
        request,
        meta: {
          from: copy.expiresAt.toISOString(),
          to: expiresAt.toISOString(),
          by: credentials.principal.userEntityRef,
        },
      },
    );
    try {
      const server = this.deps.config.servers[copy.environment];
      if (!server)
        throw new ConflictError(
          `No database server is configured for ${copy.environment} any more`,
        );
      if (!(await this.deps.store.setExpiry(copy.id, expiresAt)))
        throw new ConflictError(`The copy ${copy.database} is no longer ready`);
      await this.admin.setValidUntil(server, copy.role, expiresAt);
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    return this.view((await this.deps.store.get(copy.id))!, credentials, true);
  }

  /** Drops a ready copy now. */
  async destroy(
    id: string,
    credentials: UserCredentials,
    request?: AnyRequest,
  ): Promise<DatabaseCopyView> {
    const copy = await this.manageableCopy(id, credentials, 'destroy');
    if (copy.status === 'creating')
      throw new ConflictError(
        `The copy ${copy.database} is still being made: cancel its run ${copy.id} instead`,
      );
    const dropped = await this.deps.dropper.drop(copy, {
      from: ['ready'],
      reason: `destroyed by ${credentials.principal.userEntityRef}`,
      eventId: 'slipway-db-copy-destroy',
      finalStatus: 'dropped',
      request,
    });
    if (!dropped)
      throw new ConflictError(
        `The copy ${copy.database} is ${
          (await this.deps.store.get(id))?.status
        }; it cannot be destroyed now`,
      );
    return this.view((await this.deps.store.get(copy.id))!, credentials, true);
  }

  private isMine(copy: DatabaseCopy, credentials: UserCredentials) {
    return copy.requester === credentials.principal.userEntityRef;
  }

  private target(copy: DatabaseCopy) {
    return {
      action: 'db-copy',
      environment: copy.environment,
      entityRef: copy.entityRef,
    };
  }

  /** The copy, when the caller may see its application (404 otherwise, as the catalog answers). */
  private async visibleCopy(
    id: string,
    credentials: UserCredentials,
  ): Promise<DatabaseCopy> {
    const copy = await this.deps.store.get(id);
    if (!copy) throw new NotFoundError(`No database copy ${id}`);
    const ref = parseEntityRef(copy.entityRef);
    await this.deps.applications
      .getApplication({ namespace: ref.namespace, name: ref.name }, credentials)
      .catch(() => {
        throw new NotFoundError(`No database copy ${id}`);
      });
    return copy;
  }

  private async manageableCopy(
    id: string,
    credentials: UserCredentials,
    verb: string,
  ): Promise<DatabaseCopy> {
    const copy = await this.visibleCopy(id, credentials);
    if (!this.isMine(copy, credentials)) {
      const [allowed] = await this.deps.authorizer.allowed(
        slipwayActionExecutePermission,
        [this.target(copy)],
        credentials,
      );
      if (!allowed) {
        const [requester, application] = await this.deps.authorizer.titles([
          copy.requester,
          copy.entityRef,
        ]);
        throw new NotAllowedError(
          `Only ${requester}, who asked for the copy ${copy.database}, or someone allowed to copy the databases of ${application} in ${copy.environment} may ${verb} it`,
        );
      }
    }
    if (copy.status === 'dropped' || copy.status === 'failed')
      throw new ConflictError(`The copy ${copy.database} is already gone`);
    return copy;
  }

  private view(
    copy: DatabaseCopy,
    credentials: UserCredentials,
    canManage: boolean,
  ): DatabaseCopyView {
    const iso = (d?: Date) => d?.toISOString();
    return {
      id: copy.id,
      runId: copy.id,
      entityRef: copy.entityRef,
      environment: copy.environment,
      sourceEnvironment: copy.sourceEnvironment,
      component: copy.component,
      sourceDatabase: copy.sourceDatabase,
      database: copy.database,
      requester: copy.requester,
      status: copy.status,
      masked: copy.masked,
      createdAt: iso(copy.createdAt)!,
      ...(copy.readyAt ? { readyAt: iso(copy.readyAt) } : {}),
      expiresAt: iso(copy.expiresAt)!,
      maxExpiresAt: iso(copy.maxExpiresAt)!,
      ...(copy.droppedAt ? { droppedAt: iso(copy.droppedAt) } : {}),
      ...(copy.dropReason ? { dropReason: copy.dropReason } : {}),
      mine: this.isMine(copy, credentials),
      canManage: this.isMine(copy, credentials) || canManage,
    };
  }
}

/** IPv6 addresses go in brackets in a URL; socket folders cannot be in one (libpq reads them from `host=`). */
function hostForUrl(host: string) {
  if (host.startsWith('/')) return `%2F${encodeURIComponent(host.slice(1))}`;
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export type { DatabaseCopyConnection, DatabaseCopyView };
