import { createEventChannel } from './event-channel';
import type { BudgetForcingRequest } from './options';
import type { BudgetForcingEvent, BudgetForcingResult, EmitEvent } from './result';

// Events one run may have ahead of its reader before it waits: enough to smooth out a reader's
// pauses, few enough that a reader who stops reading stops the model within a few tokens.
const maxUnreadEvents = 8;

/**
 * The events of one run, ending with `done`. The run starts at the first `next()` and has a
 * signal of its own besides the request's: leaving early (`break`, `return()`, an error thrown
 * in the loop) fires it and waits for the run to end, so by the time the loop is left the model
 * has stopped, HTTP requests are aborted and sessions are closed.
 */
export async function* streamEvents(
  request: BudgetForcingRequest,
  run: (request: BudgetForcingRequest, emit: EmitEvent) => Promise<BudgetForcingResult>,
): AsyncGenerator<BudgetForcingEvent, void, undefined> {
  const stop = new AbortController();
  const signal =
    request.signal === undefined ? stop.signal : AbortSignal.any([request.signal, stop.signal]);
  const channel = createEventChannel<BudgetForcingEvent>(maxUnreadEvents, signal);
  const running = run({ ...request, signal }, channel.push).then(
    (result) => channel.end({ type: 'done', result }),
    (error: unknown) => channel.fail(error),
  );
  try {
    yield* channel.events();
  } finally {
    stop.abort(new Error('the stream was left before the run ended'));
    await running;
  }
}
