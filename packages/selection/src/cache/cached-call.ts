import { callKeyHash } from './call-key-hash';
import type { CallCache } from './create-call-cache';

// Per cache: the calls being computed now, so concurrent callers of one call share its result.
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Returns the cached result of a call, or computes, stores and returns it. Concurrent calls with
 * an equal key share one computation, so a call is never made twice, in one run or across runs.
 * A failed computation is not stored and the next caller tries again.
 *
 * @example
 * const text = await cachedCall(cache, { model, prompt, sampling }, () => generate(prompt));
 */
export function cachedCall<Value>(
  cache: CallCache<Value>,
  key: unknown,
  compute: () => Promise<Value>,
): Promise<Value> {
  const hash = callKeyHash(key);
  let calls = inFlight.get(cache);
  if (calls === undefined) {
    calls = new Map();
    inFlight.set(cache, calls);
  }
  const running = calls.get(hash);
  if (running !== undefined) return running as Promise<Value>;

  const run = (async () => {
    const stored = await cache.get(key);
    if (stored !== undefined) return stored;
    const value = await compute();
    await cache.set(key, value);
    return value;
  })().finally(() => calls.delete(hash));
  calls.set(hash, run);
  return run;
}
