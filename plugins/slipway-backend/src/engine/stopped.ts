/** Why an execution was stopped from outside. */
export class Stopped extends Error {
  constructor(
    readonly status: 'cancelled' | 'failed' | 'lost' | 'shutdown',
    message: string,
  ) {
    super(message);
  }
}

/** Rejects when the signal is aborted, with its reason. */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), {
      once: true,
    });
  });
}
