import { InputError } from '@backstage/errors';
import { PageCursor } from '../store/queryTypes';

/** Cursors are opaque to clients: base64url JSON, so their shape can change without breaking saved links. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(
    JSON.stringify({
      s: cursor.seq,
      d: cursor.direction === 'older' ? 'o' : 'n',
    }),
  ).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const { s, d } = JSON.parse(Buffer.from(text, 'base64url').toString());
    if (Number.isSafeInteger(s) && s >= 0 && (d === 'o' || d === 'n')) {
      return { seq: s, direction: d === 'o' ? 'older' : 'newer' };
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    'The cursor is not valid; use a cursor returned by the previous page',
  );
}
