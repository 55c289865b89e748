import PQueue from 'p-queue';
import { RequestError } from './openai/request-error';

/**
 * Bounds the generations running at once. A request waits for a slot in arrival order; one
 * whose client leaves while it waits gives up its place; past `maxQueued` waiting requests, new
 * ones are refused at once with a 503, so a flood cannot grow memory without bound.
 */
export function createRequestSlots({
  maxConcurrent,
  maxQueued,
}: {
  maxConcurrent: number;
  maxQueued: number;
}) {
  const queue = new PQueue({ concurrency: maxConcurrent });
  return {
    /** Waits for a slot; the returned function frees it, and must be called once. */
    async acquire(signal: AbortSignal): Promise<() => void> {
      if (queue.size >= maxQueued) {
        throw new RequestError({
          status: 503,
          code: 'server_overloaded',
          message: `the server is busy: ${queue.pending} requests are running and ${queue.size} waiting; retry later`,
        });
      }
      let hold: (release: () => void) => void = () => undefined;
      const acquired = new Promise<() => void>((resolve) => {
        hold = resolve;
      });
      const running = queue.add(() => new Promise<void>((release) => hold(() => release())), {
        signal,
      });
      // A request abandoned while it waited never gets its slot; its rejection is the signal's.
      return Promise.race([acquired, running.then(() => acquired)]);
    },
    /** Requests running and waiting, for `/health`. */
    get load() {
      return { running: queue.pending, waiting: queue.size };
    },
  };
}
