import { ResponseError } from '@backstage/errors';

/** The message of an error from the backend in the words the backend chose, not "Request failed with 409 Conflict". */
export function messageOf(error: unknown): string {
  if (error instanceof ResponseError)
    return error.body?.error?.message || error.message;
  return (error as Error)?.message ?? String(error);
}

/** Whether the backend refused because of the state of things (409), e.g. an environment busy with another run. */
export function isConflict(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    (error.body?.error?.name === 'ConflictError' ||
      error.response.status === 409)
  );
}
