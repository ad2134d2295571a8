import { isError } from '@backstage/errors';

/** Errors that refuse what a person asked for (a taken name, an invalid field), as opposed to failures of the system. */
const REFUSALS = new Set(['InputError', 'ConflictError', 'NotAllowedError']);

/**
 * Runs an action's work so that a refusal reaches the task page as its sentence only. The scaffolder writes a
 * failed step's `error.stack` into the task log, which the page opens on failure: a name someone has to change
 * would otherwise come with a dozen lines of file paths. Other errors keep their stack, for whoever debugs them.
 */
export async function refusalsInWords(work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (isError(error) && REFUSALS.has(error.name)) {
      error.stack = error.message;
    }
    throw error;
  }
}
