/**
 * Answers of another service (a policy decision, a catalog entity, a workload or Argo CD application's state) reused
 * for a moment, one request per key at a time. An answer is fresh for `freshMs` after it arrived. After that the next
 * caller asks again; while that request is under way, callers keep the previous answer for up to `staleMs` (default:
 * `freshMs`, none kept) after it arrived — so a burst never queues behind a slow refresh (under load the permission
 * backend, reached over HTTP in the same process, answers in seconds), and no answer older than `staleMs` is ever
 * used. A failed request is not kept: the next caller asks again. `forget` drops what a run has just changed.
 */
export class RecentAnswers<V> {
  private readonly entries = new Map<
    string,
    { answer?: { value: V; at: number }; pending?: Promise<V> }
  >();

  constructor(
    private readonly options: {
      freshMs: number;
      staleMs?: number;
      /** Past this many keys, those without a usable answer are forgotten. */
      maxKeys?: number;
    },
  ) {}

  get(key: string, ask: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const entry = this.entries.get(key) ?? {};
    const age = entry.answer ? now - entry.answer.at : Infinity;
    if (age < this.options.freshMs) return Promise.resolve(entry.answer!.value);
    if (!entry.pending) {
      this.forgetOld(now);
      const pending = ask();
      entry.pending = pending;
      this.entries.set(key, entry);
      pending.then(
        value => {
          entry.answer = { value, at: Date.now() };
          entry.pending = undefined;
        },
        () => {
          entry.pending = undefined;
        },
      );
    }
    if (age < this.staleMs) return Promise.resolve(entry.answer!.value);
    return entry.pending!;
  }

  /** Drops the answer of `key` (or of every key it matches); a request under way is not used when it ends. */
  forget(key: string | ((key: string) => boolean)) {
    if (typeof key === 'string') this.entries.delete(key);
    else
      for (const k of this.entries.keys()) if (key(k)) this.entries.delete(k);
  }

  private get staleMs() {
    return this.options.staleMs ?? this.options.freshMs;
  }

  private forgetOld(now: number) {
    if (this.entries.size <= (this.options.maxKeys ?? 1000)) return;
    for (const [key, entry] of this.entries)
      if (
        !entry.pending &&
        (!entry.answer || now - entry.answer.at >= this.staleMs)
      )
        this.entries.delete(key);
  }
}
