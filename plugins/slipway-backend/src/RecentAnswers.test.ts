import { RecentAnswers } from './RecentAnswers';

/** A request whose answer the test gives when it wants. */
function controlled() {
  const asked: Array<{
    resolve: (v: string) => void;
    reject: (e: Error) => void;
  }> = [];
  const ask = () =>
    new Promise<string>((resolve, reject) => asked.push({ resolve, reject }));
  return { asked, ask };
}

describe('RecentAnswers', () => {
  let now = 1_000_000;
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks once for many callers, reuses a fresh answer, and keeps the last one only while asking again', async () => {
    const cache = new RecentAnswers<string>({ freshMs: 5000, staleMs: 30_000 });
    const { asked, ask } = controlled();
    const first = [cache.get('alice', ask), cache.get('alice', ask)];
    expect(asked).toHaveLength(1);
    asked[0].resolve('allow');
    expect(await Promise.all(first)).toEqual(['allow', 'allow']);

    now += 4999;
    expect(await cache.get('alice', ask)).toBe('allow');
    expect(asked).toHaveLength(1);

    // No longer fresh: asked again, and the previous answer serves meanwhile.
    now += 2;
    expect(await cache.get('alice', ask)).toBe('allow');
    expect(await cache.get('alice', ask)).toBe('allow');
    expect(asked).toHaveLength(2);
    asked[1].resolve('deny');
    await new Promise(r => setImmediate(r));
    expect(await cache.get('alice', ask)).toBe('deny');
  });

  it('never uses an answer older than staleMs, and does not keep a failure', async () => {
    const cache = new RecentAnswers<string>({ freshMs: 5000, staleMs: 30_000 });
    const { asked, ask } = controlled();
    const first = cache.get('bob', ask);
    asked[0].resolve('allow');
    await first;

    now += 30_000;
    const waiting = cache.get('bob', ask);
    let settled = false;
    waiting.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise(r => setImmediate(r));
    expect(settled).toBe(false); // too old to serve: the caller waits for the new answer
    asked[1].reject(new Error('permission backend unavailable'));
    await expect(waiting).rejects.toThrow('permission backend unavailable');

    const again = cache.get('bob', ask);
    expect(asked).toHaveLength(3);
    asked[2].resolve('deny');
    expect(await again).toBe('deny');
  });

  it('keeps no answer past freshMs without staleMs', async () => {
    const cache = new RecentAnswers<string>({ freshMs: 5000 });
    const { asked, ask } = controlled();
    const first = cache.get('carol', ask);
    asked[0].resolve('running');
    await first;

    now += 5000;
    const waiting = cache.get('carol', ask);
    expect(asked).toHaveLength(2);
    asked[1].resolve('paused');
    expect(await waiting).toBe('paused');
  });

  it('asks again after forget, also when the answer was still being asked for', async () => {
    const cache = new RecentAnswers<string>({ freshMs: 5000 });
    const { asked, ask } = controlled();
    const first = cache.get('dev/checkout', ask);
    asked[0].resolve('running');
    await first;
    cache.get('prod/checkout', ask);

    cache.forget('dev/checkout');
    const afterRun = cache.get('dev/checkout', ask);
    expect(asked).toHaveLength(3);

    // Forgotten while under way: the old request's answer, when it comes, is not what the next caller gets.
    cache.forget(key => key.endsWith('/checkout'));
    asked[2].resolve('paused (read before the run)');
    expect(await afterRun).toBe('paused (read before the run)');
    const next = cache.get('dev/checkout', ask);
    expect(asked).toHaveLength(4);
    asked[3].resolve('running again');
    expect(await next).toBe('running again');
    cache.get('prod/checkout', ask);
    expect(asked).toHaveLength(5);
  });
});
