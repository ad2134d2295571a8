import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import {
  AuditChainVerification,
  AuditEvent,
  AuditEventPage,
  AuditEventSuggestions,
  auditLogChainVerifyPermission,
  auditLogEventReadPermission,
} from '@slipway/backstage-plugin-audit-log-common';
import { EntityOwnership } from '../permissions/EntityOwnership';
import { AuditLogEventResource } from '../permissions/resourceRef';
import { AuditEventStore } from '../store/AuditEventStore';
import {
  AuditEventAccessCondition,
  EventFilters,
  EventQuery,
} from '../store/queryTypes';
import { decodeCursor, encodeCursor } from './cursor';

type ConditionTransformer = (
  conditions: PermissionCriteria<PermissionCondition>,
) => PermissionCriteria<AuditEventAccessCondition>;

/**
 * What the audit-log API does, with authorization: reads are limited to the events the reader may see (the policy's
 * conditions become part of the query), verification needs its own permission.
 */
export class AuditLogService {
  readonly #store: AuditEventStore;
  readonly #permissions: PermissionsService;
  readonly #ownership: EntityOwnership;
  readonly #toAccessCriteria: ConditionTransformer;

  constructor(options: {
    store: AuditEventStore;
    permissions: PermissionsService;
    ownership: EntityOwnership;
    transformConditions: ConditionTransformer;
  }) {
    this.#store = options.store;
    this.#permissions = options.permissions;
    this.#ownership = options.ownership;
    this.#toAccessCriteria = options.transformConditions;
  }

  async listEvents(
    request: { filters: EventFilters; cursor?: string; limit: number },
    credentials: BackstageCredentials,
  ): Promise<AuditEventPage> {
    const query = await this.#queryFor(request.filters, credentials);
    const page = await this.#store.listEvents(query, {
      cursor: request.cursor ? decodeCursor(request.cursor) : undefined,
      limit: request.limit,
    });
    return {
      items: page.items,
      ...(page.older && { olderCursor: encodeCursor(page.older) }),
      ...(page.newer && { newerCursor: encodeCursor(page.newer) }),
    };
  }

  async getEvent(
    seq: number,
    credentials: BackstageCredentials,
  ): Promise<AuditEvent> {
    const query = await this.#queryFor({}, credentials);
    const event = await this.#store.getEvent(seq, query);
    if (!event) {
      // Also when the event exists but the reader may not see it: its existence is not revealed.
      throw new NotFoundError(`No audit event ${seq}`);
    }
    return event;
  }

  /** The events to export, authorized now and read lazily as the response is written. */
  async exportEvents(
    filters: EventFilters,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<AuditEvent>> {
    return this.#store.streamEvents(await this.#queryFor(filters, credentials));
  }

  /** What the portal's filters suggest, from the events the reader may see. */
  async suggest(
    filters: EventFilters,
    credentials: BackstageCredentials,
  ): Promise<AuditEventSuggestions> {
    return this.#store.suggest(await this.#queryFor(filters, credentials));
  }

  /**
   * How many people acted in the portal per week over the last `weeks` weeks (this one included): counts only, no
   * names, so anyone signed in may read them (Insights shows them to everyone).
   */
  async activePeople(weeks: number): Promise<{
    weeks: number;
    byWeek: Array<{ week: string; people: number }>;
  }> {
    const since = new Date();
    since.setUTCDate(since.getUTCDate() - 7 * (weeks - 1));
    return { weeks, byWeek: await this.#store.activePeople(since) };
  }

  async verifyChain(
    credentials: BackstageCredentials,
  ): Promise<AuditChainVerification> {
    await this.#authorizeVerify(credentials);
    return this.#store.verifyChain();
  }

  async getLatestVerification(
    credentials: BackstageCredentials,
  ): Promise<AuditChainVerification | undefined> {
    await this.#authorizeVerify(credentials);
    return this.#store.getLatestVerification();
  }

  /** Loads events for the permission framework, with the owners of their entities for `IS_ABOUT_ENTITY_OWNED_BY`. */
  async getResources(
    refs: string[],
  ): Promise<Array<AuditLogEventResource | undefined>> {
    const seqs = refs.map(ref => (/^\d+$/.test(ref) ? Number(ref) : -1));
    const events = await this.#store.getEventsBySeq(seqs);
    const entityRefs = [
      ...new Set(events.flatMap(event => event?.entityRefs ?? [])),
    ];
    const owners = await this.#ownership.ownersOf(entityRefs);
    return events.map(
      event =>
        event && {
          ...event,
          entityOwnerRefs: [
            ...new Set(event.entityRefs.flatMap(ref => owners.get(ref) ?? [])),
          ],
        },
    );
  }

  async #queryFor(
    filters: EventFilters,
    credentials: BackstageCredentials,
  ): Promise<EventQuery> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: auditLogEventReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      if (decision.result === AuthorizeResult.ALLOW) {
        return { filters };
      }
      throw new NotAllowedError('You are not allowed to read the audit log');
    }
    const access = await this.#ownership.resolve(
      this.#toAccessCriteria(decision.conditions),
    );
    return { filters, access };
  }

  async #authorizeVerify(credentials: BackstageCredentials) {
    const [decision] = await this.#permissions.authorize(
      [{ permission: auditLogChainVerifyPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You are not allowed to verify the audit log chain',
      );
    }
  }
}
