/** An async iterable fed by a producer: `push` events, then `close()` or `fail(error)`. */
export function createEventQueue<Event>() {
  const buffered: Event[] = [];
  let waiting: ((result: IteratorResult<Event>) => void) | undefined;
  let rejectWaiting: ((error: unknown) => void) | undefined;
  let closed = false;
  let failure: { error: unknown } | undefined;

  const settle = () => {
    if (waiting === undefined) return;
    const resolve = waiting;
    const reject = rejectWaiting;
    if (buffered.length > 0) {
      waiting = undefined;
      resolve({ value: buffered.shift() as Event, done: false });
    } else if (failure !== undefined) {
      waiting = undefined;
      reject?.(failure.error);
    } else if (closed) {
      waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  };

  return {
    push(event: Event) {
      buffered.push(event);
      settle();
    },
    close() {
      closed = true;
      settle();
    },
    fail(error: unknown) {
      failure = { error };
      settle();
    },
    [Symbol.asyncIterator](): AsyncIterator<Event> {
      return {
        next: () =>
          new Promise<IteratorResult<Event>>((resolve, reject) => {
            waiting = resolve;
            rejectWaiting = reject;
            settle();
          }),
      };
    },
  };
}
