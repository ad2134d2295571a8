import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * Runs an operation inside an audit event: the event is recorded before the operation starts (so an audit log that
 * cannot be written stops it) and its outcome after, with the details the operation reports.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  operation: () => Promise<{ result: T; meta?: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent(options);
  try {
    const { result, meta } = await operation();
    await event.success({ meta });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
