import {
  AuditEventActor,
  AuditEventSeverity,
  AuditEventStatus,
} from '@slipway/backstage-plugin-audit-log-common';
import { JsonObject } from '@backstage/types';
import { AuditLogConfig } from '../config';
import { Redactor } from '../redaction/Redactor';
import { AuditEventStore } from '../store/AuditEventStore';
import { extractSubjects } from '../subjects/extractSubjects';
import { AuditRecord } from '../types';

/**
 * An audit event as a plugin's auditor reports it, before redaction.
 *
 * @public
 */
export type ReportedAuditEvent = {
  occurredAt: Date;
  plugin: string;
  eventId: string;
  severity: AuditEventSeverity;
  status: AuditEventStatus;
  operationId: string;
  actor: AuditEventActor;
  request?: { method: string; url: string };
  meta?: JsonObject;
  error?: Error;
};

/**
 * The rendezvous between every plugin's auditor and the one audit event store, which the audit-log plugin creates
 * on its own database when it starts. Root-scoped, so all plugins share it.
 *
 * @public
 */
export interface AuditLogRecorder {
  /** Redacts a reported event and finds what it is about: the record that is logged and stored. */
  prepare(event: ReportedAuditEvent): AuditRecord;
  /**
   * Appends a prepared record to the store, waiting for the store while the backend starts. Rejects when the
   * write fails, so that the audited action fails rather than running unaudited.
   */
  record(record: AuditRecord): Promise<void>;
  /** Called by the audit-log plugin once its store is ready. */
  attachStore(store: AuditEventStore): void;
}

/**
 * The recorder: one redactor for all plugins, and a store that is awaited until the audit-log plugin provides it.
 *
 * @public
 */
export class DefaultAuditLogRecorder implements AuditLogRecorder {
  readonly #redactor: Redactor;
  readonly #exclude: AuditLogConfig['exclude'];
  readonly #store: Promise<AuditEventStore>;
  #resolveStore!: (store: AuditEventStore) => void;
  #rejectStore!: (error: Error) => void;
  #attached = false;

  constructor(options: {
    redactor: Redactor;
    exclude?: AuditLogConfig['exclude'];
  }) {
    this.#redactor = options.redactor;
    this.#exclude = options.exclude ?? [];
    this.#store = new Promise((resolve, reject) => {
      this.#resolveStore = resolve;
      this.#rejectStore = reject;
    });
    // Nobody may be waiting when the store turns out to be missing; the next record() sees the rejection.
    this.#store.catch(() => {});
  }

  attachStore(store: AuditEventStore) {
    this.#attached = true;
    this.#resolveStore(store);
  }

  /** Called once every plugin has started: events can no longer wait for a store that will never come. */
  onBackendStarted() {
    if (!this.#attached) {
      this.#rejectStore(
        new Error(
          'Audit events cannot be stored: the audit-log backend plugin (@slipway/backstage-plugin-audit-log-backend) is not installed or did not start',
        ),
      );
    }
  }

  prepare(event: ReportedAuditEvent): AuditRecord {
    const redactor = this.#redactor;
    const meta =
      event.meta && Object.keys(event.meta).length > 0
        ? redactor.redactObject(event.meta)
        : undefined;
    const { entityRefs, environment } = extractSubjects(meta);
    const { actor } = event;
    return {
      occurredAt: event.occurredAt,
      plugin: event.plugin,
      eventId: event.eventId,
      severity: event.severity,
      status: event.status,
      operationId: event.operationId,
      actor: {
        type: actor.type,
        ...(actor.id !== undefined && { id: actor.id }),
        ...(actor.ip !== undefined && { ip: actor.ip }),
        ...(actor.hostname !== undefined && { hostname: actor.hostname }),
        ...(actor.userAgent !== undefined && {
          userAgent: redactor.redactText(actor.userAgent),
        }),
      },
      ...(event.request && {
        request: {
          method: event.request.method,
          url: redactor.redactUrl(event.request.url),
        },
      }),
      entityRefs,
      ...(environment && { environment }),
      ...(event.error && {
        error: {
          name: String(event.error.name ?? 'Error'),
          message: redactor.redactText(String(event.error.message ?? '')),
        },
      }),
      ...(meta && { meta }),
    };
  }

  async record(record: AuditRecord): Promise<void> {
    const excluded = this.#exclude.some(
      rule =>
        rule.plugin === record.plugin &&
        (rule.eventId === undefined || rule.eventId === record.eventId),
    );
    if (excluded) {
      return;
    }
    const store = await this.#store;
    await store.append(record);
  }
}
