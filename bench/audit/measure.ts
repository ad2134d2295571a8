/** Timing helpers for the benchmark: percentiles of repeated calls, throughput of a run. */

export type Percentiles = { p50: number; p95: number; runs: number };

export async function percentiles(
  runs: number,
  call: (run: number) => Promise<unknown>,
): Promise<Percentiles> {
  // Warm caches and query plans first, as a running backend would have.
  for (let i = 0; i < Math.min(10, runs); i++) {
    await call(i);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await call(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), runs };
}

export async function timed<T>(work: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const perSecond = (count: number, seconds: number) =>
  `${Math.round(count / seconds).toLocaleString('en-US')}/s`;
