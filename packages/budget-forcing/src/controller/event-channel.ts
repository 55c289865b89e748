/**
 * A bounded hand-over from a producer to one reader. `push` settles once fewer than `bound`
 * events wait unread (or `signal` has fired), so a reader that falls behind holds the producer
 * back instead of letting events pile up; `end` and `fail` take effect after the buffered events.
 */
export function createEventChannel<Event>(bound: number, signal: AbortSignal) {
  const buffered: Event[] = [];
  let ending: { failed: false } | { failed: true; error: unknown } | undefined;
  let wakeReader: (() => void) | undefined;
  let wakeProducers: (() => void)[] = [];
  const wake = () => {
    wakeReader?.();
    wakeReader = undefined;
  };
  const releaseProducers = () => {
    for (const resolve of wakeProducers) resolve();
    wakeProducers = [];
  };
  // A producer waiting for room must not outlive the run it belongs to.
  signal.addEventListener('abort', releaseProducers, { once: true });

  return {
    async push(event: Event): Promise<void> {
      buffered.push(event);
      wake();
      while (buffered.length >= bound && !signal.aborted) {
        await new Promise<void>((resolve) => wakeProducers.push(resolve));
      }
    },
    /** Ends the events after `last`, which is buffered whatever the bound. */
    end(last: Event): void {
      buffered.push(last);
      ending = { failed: false };
      wake();
    },
    fail(error: unknown): void {
      ending = { failed: true, error };
      wake();
    },
    /** The events in order, then the failure if there was one. */
    async *events(): AsyncGenerator<Event, void, undefined> {
      for (;;) {
        if (buffered.length > 0) {
          const event = buffered.shift() as Event;
          releaseProducers();
          yield event;
        } else if (ending?.failed) {
          throw ending.error;
        } else if (ending !== undefined) {
          return;
        } else {
          await new Promise<void>((resolve) => {
            wakeReader = resolve;
          });
        }
      }
    },
  };
}
