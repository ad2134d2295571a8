import { randomUUID } from 'node:crypto';
import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { AuditEventActor } from '@slipway/backstage-plugin-audit-log-common';
import { AuditRecord } from '../types';
import { AuditLogRecorder, ReportedAuditEvent } from './AuditLogRecorder';
import { readSeverityLogLevels } from './severityLogLevels';

type Deps = {
  pluginId: string;
  auth: AuthService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  severityLogLevels: ReturnType<typeof readSeverityLogLevels>;
  recorder: AuditLogRecorder;
};

/**
 * A plugin's auditor that logs each event like Backstage's default auditor (same message, fields and levels, with
 * secrets redacted) and stores it in the audit log. `createEvent`, `success` and `fail` resolve only once the event
 * is stored, and reject when it cannot be: a plugin that awaits them, as Backstage's plugins do, fails the
 * operation rather than running it unaudited.
 */
export class PersistentAuditorService implements AuditorService {
  readonly #deps: Deps;
  readonly #auditLogger: LoggerService;

  constructor(deps: Deps) {
    this.#deps = deps;
    this.#auditLogger = deps.logger.child({ isAuditEvent: true });
  }

  async createEvent(
    options: AuditorServiceCreateEventOptions,
  ): Promise<AuditorServiceEvent> {
    const { eventId, severityLevel = 'low', request, meta } = options;
    const base = {
      plugin: this.#deps.pluginId,
      eventId,
      severity: severityLevel,
      operationId: randomUUID(),
      actor: await this.#actorOf(request),
      ...(request && {
        request: { method: request.method, url: request.originalUrl },
      }),
    };

    await this.#emit({
      ...base,
      occurredAt: new Date(),
      status: 'initiated',
      meta,
    });
    return {
      success: async params => {
        await this.#emit({
          ...base,
          occurredAt: new Date(),
          status: 'succeeded',
          meta: mergeMeta(meta, params?.meta),
        });
      },
      fail: async params => {
        await this.#emit({
          ...base,
          occurredAt: new Date(),
          status: 'failed',
          meta: mergeMeta(meta, params.meta),
          error: params.error,
        });
      },
    };
  }

  async #emit(event: ReportedAuditEvent) {
    const record = this.#deps.recorder.prepare(event);
    this.#log(record, event.error);
    await this.#deps.recorder.record(record);
  }

  /** Writes the line Backstage's default auditor writes, from the redacted record. */
  #log(record: AuditRecord, error: Error | undefined) {
    const level = this.#deps.severityLogLevels[record.severity];
    const message = `${record.plugin}.${record.eventId}`;
    const fields = {
      plugin: record.plugin,
      eventId: record.eventId,
      severityLevel: record.severity,
      actor: {
        actorId: record.actor.id,
        ip: record.actor.ip,
        hostname: record.actor.hostname,
        userAgent: record.actor.userAgent,
      },
      request: record.request && {
        url: record.request.url,
        method: record.request.method,
      },
      meta: record.meta,
      status: record.status,
    };
    if (record.error) {
      const logged = new Error(record.error.message);
      logged.name = record.error.name;
      // The stack starts with the unredacted message; keep only its frames.
      logged.stack = [
        `${record.error.name}: ${record.error.message}`,
        ...(error?.stack?.split('\n').filter(line => /^\s+at /.test(line)) ??
          []),
      ].join('\n');
      this.#auditLogger.child(fields)[level](message, logged);
    } else {
      this.#auditLogger[level](message, fields);
    }
  }

  /** Who acts: the request's caller, or this plugin itself for events without a request (as the default does). */
  async #actorOf(
    request: AuditorServiceCreateEventOptions['request'],
  ): Promise<AuditEventActor> {
    const { auth, httpAuth } = this.#deps;
    let credentials: BackstageCredentials =
      await auth.getOwnServiceCredentials();
    if (request) {
      try {
        credentials = await httpAuth.credentials(request);
      } catch (error) {
        throw new ForwardedError('Could not resolve credentials', error);
      }
    }
    const details = {
      ...(request?.ip && { ip: request.ip }),
      ...(request?.hostname && { hostname: request.hostname }),
      ...(request?.get('user-agent') && {
        userAgent: request.get('user-agent'),
      }),
    };
    if (auth.isPrincipal(credentials, 'user')) {
      return {
        type: 'user',
        id: credentials.principal.userEntityRef,
        ...details,
      };
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return { type: 'service', id: credentials.principal.subject, ...details };
    }
    return { type: 'none', ...details };
  }
}

function mergeMeta(
  meta: JsonObject | undefined,
  more: JsonObject | undefined,
): JsonObject | undefined {
  return meta || more ? { ...meta, ...more } : undefined;
}
