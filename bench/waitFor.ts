/** Until `fn` gives a value (errors count as not yet), or throws after `ms` with the last error. For the benchmarks. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 180_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const value = await fn().catch(error => {
      last = error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last error: ${last})`);
    await new Promise(r => setTimeout(r, 100));
  }
}
