/** Timing of the worker; the defaults suit production, tests shorten them. */
export interface WorkerTiming {
  pollMs: number;
  heartbeatMs: number;
  /** A running run without a heartbeat for this long belongs to a dead instance. */
  staleMs: number;
  /** Resumable runs are tried this many times before they are given up as interrupted. */
  maxAttempts: number;
  /** Most runs executing on one instance at a time; the rest wait as pending (another instance may take them). */
  maxConcurrent: number;
}

export const DEFAULT_TIMING: WorkerTiming = {
  pollMs: 2000,
  heartbeatMs: 5000,
  staleMs: 30_000,
  maxAttempts: 3,
  maxConcurrent: 100,
};
