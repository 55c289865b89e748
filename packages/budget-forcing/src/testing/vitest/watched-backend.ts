import type { BackendV1, StepSession } from '../../spec/backend-v1';

/** What a watched backend has done, counted as it happens. */
export interface BackendActivity {
  /** Calls begun: `generate`, `open`, and `sample`, `append`, `close` of sessions. */
  calls: number;
  /** Calls not yet settled. */
  inFlight: number;
  /** Sessions opened and not closed. */
  openSessions: number;
  /** Tokens seen: proposals of sessions and deltas of segments. */
  tokens: number;
  /** When the first request's signal fired: what was under way, and the tokens seen by then. */
  atAbort: { underWay: number; tokens: number } | undefined;
}

/**
 * The backend with its activity counted, to check from the outside, by counting rather than by
 * time, that generation stops when it is told to.
 */
export function watchBackend(backend: BackendV1): {
  backend: BackendV1;
  activity: BackendActivity;
} {
  const activity: BackendActivity = {
    calls: 0,
    inFlight: 0,
    openSessions: 0,
    tokens: 0,
    atAbort: undefined,
  };
  const track = async <Result>(call: () => Promise<Result>): Promise<Result> => {
    activity.calls++;
    activity.inFlight++;
    try {
      return await call();
    } finally {
      activity.inFlight--;
    }
  };
  const watchSignal = (signal: AbortSignal | undefined) => {
    signal?.addEventListener(
      'abort',
      () => {
        activity.atAbort ??= {
          underWay: activity.inFlight + activity.openSessions,
          tokens: activity.tokens,
        };
      },
      { once: true },
    );
  };
  const watchSession = (session: StepSession): StepSession => ({
    sample: (options) =>
      track(async () => {
        const id = await session.sample(options);
        activity.tokens++;
        return id;
      }),
    append: (ids) => track(() => session.append(ids)),
    close: () =>
      track(async () => {
        await session.close();
        activity.openSessions--;
      }),
  });
  const { generate, open } = backend;
  return {
    activity,
    backend: {
      ...backend,
      contextLength: backend.contextLength?.bind(backend),
      generate:
        generate &&
        ((request) => {
          watchSignal(request.signal);
          const onDelta = request.onDelta;
          return track(() =>
            generate.call(backend, {
              ...request,
              onDelta:
                onDelta &&
                ((delta) => {
                  activity.tokens++;
                  return onDelta(delta);
                }),
            }),
          );
        }),
      open:
        open &&
        ((request) => {
          watchSignal(request.signal);
          return track(async () => {
            const session = await open.call(backend, request);
            activity.openSessions++;
            return watchSession(session);
          });
        }),
    },
  };
}
