import { ResponseError } from '@backstage/errors';

/** The message of an error from the backend in the words the backend chose, not "Request failed with 409 Conflict". */
export function messageOf(error: unknown): string {
  if (error instanceof ResponseError)
    return error.body?.error?.message || error.message;
  return (error as Error)?.message ?? String(error);
}
