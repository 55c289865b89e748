export interface AttemptTimeout {
  /** Fires when the attempt has run out of time. */
  signal: AbortSignal;
  /** Waits for `wait` with the clock stopped. */
  excluding<Value>(wait: Value | PromiseLike<Value>): Promise<Value>;
  /** Ends the limit once the attempt is over. */
  clear(): void;
}

/**
 * The time limit of one attempt, stopped while the reader of the response is waited for: a
 * stream read slowly (a reader holding generation back) is not a slow server, and must not be
 * abandoned and generated again.
 */
export function attemptTimeout(ms: number): AttemptTimeout {
  const controller = new AbortController();
  let remaining = ms;
  let startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    startedAt = Date.now();
    timer = setTimeout(() => controller.abort(new Error(`no response within ${ms} ms`)), remaining);
    // A pending limit must not keep the process alive.
    timer.unref?.();
  };
  run();
  return {
    signal: controller.signal,
    async excluding<Value>(wait: Value | PromiseLike<Value>): Promise<Value> {
      clearTimeout(timer);
      remaining = Math.max(0, remaining - (Date.now() - startedAt));
      try {
        return await wait;
      } finally {
        if (!controller.signal.aborted) run();
      }
    },
    clear: () => clearTimeout(timer),
  };
}
