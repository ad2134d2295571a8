import { AuditorService } from '@backstage/backend-plugin-api';

/** An audit event as the auditor received it, with how it ended. */
export interface RecordedEvent {
  eventId: string;
  severityLevel?: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
}

/** An AuditorService that keeps what it is given, to check what audit events say (and what they never say). */
export function recordingAuditor() {
  const events: RecordedEvent[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: RecordedEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: options.meta as Record<string, unknown>,
      };
      events.push(event);
      return {
        async success(params) {
          event.outcome = 'success';
          if (params?.meta) event.meta = { ...event.meta, ...params.meta };
        },
        async fail(params) {
          event.outcome = 'fail';
          event.error = String(params.error?.message ?? params.error);
          if (params.meta) event.meta = { ...event.meta, ...params.meta };
        },
      };
    },
  };
  return { auditor, events };
}
