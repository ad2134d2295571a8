import { once } from 'node:events';
import { Response } from 'express';
import { AuditEvent } from '@slipway/backstage-plugin-audit-log-common';
import {
  CSV_HEADER,
  EXPORT_CONTENT_TYPES,
  ExportFormat,
  toCsvLine,
  toNdjsonLine,
} from '../service/exportFormats';

/** Bytes gathered before a write: fewer, larger chunks without holding more than this in memory. */
const CHUNK_SIZE = 64 * 1024;

/**
 * Streams events into the response as they are read, waiting whenever the client is slower than the database, and
 * stops reading when the client goes away. Returns how many events were written; the caller ends the response, once
 * the export is audited, so a client never holds a complete file whose export was not recorded.
 */
export async function writeExport(
  res: Response,
  events: AsyncIterable<AuditEvent>,
  format: ExportFormat,
): Promise<number> {
  const timestamp = new Date().toISOString().replace(/[:.]/g, '-');
  res.status(200);
  res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[format]);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="audit-log-${timestamp}.${format}"`,
  );
  res.setHeader('Cache-Control', 'no-store');

  const toLine = format === 'csv' ? toCsvLine : toNdjsonLine;
  let chunk = format === 'csv' ? CSV_HEADER : '';
  let count = 0;
  const flush = async () => {
    if (chunk && !res.write(chunk)) {
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    chunk = '';
  };

  for await (const event of events) {
    if (res.destroyed) {
      break;
    }
    chunk += toLine(event);
    count += 1;
    if (chunk.length >= CHUNK_SIZE) {
      await flush();
    }
  }
  await flush();
  return count;
}
