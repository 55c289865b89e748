import { throwIfAborted } from '../errors/abort-error';
import type { StepSession } from '../spec/backend-v1';

/**
 * The session with the spec's abort behaviour: once `signal` fires, `sample` and `append` reject
 * with `GenerationAbortedError` before reaching the runtime, and `close` still frees it.
 */
export function abortableSession(
  session: StepSession,
  signal: AbortSignal | undefined,
): StepSession {
  if (signal === undefined) return session;
  return {
    sample: async (options) => {
      throwIfAborted(signal);
      return session.sample(options);
    },
    append: async (ids) => {
      throwIfAborted(signal);
      return session.append(ids);
    },
    close: () => session.close(),
  };
}
