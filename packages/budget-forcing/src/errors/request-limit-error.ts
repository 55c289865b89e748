import { S1Error } from '@s1/errors';

/**
 * A generation reached its bound on backend requests (`maxRequests`) before it could end: a
 * server that keeps answering without tokens, say, would otherwise be asked forever.
 */
export class RequestLimitError extends S1Error {
  /** Requests made: the `maxRequests` reached. */
  readonly requests: number;
  /** Of those requests, how many came back without a generated token. */
  readonly emptyCompletions: number;

  constructor({
    provider,
    requests,
    emptyCompletions,
  }: {
    provider: string;
    requests: number;
    emptyCompletions: number;
  }) {
    const why =
      emptyCompletions > 0
        ? ` ${emptyCompletions} of them came back without a generated token: check that the server generates (its model, its stop settings, its token counts).`
        : ' The model kept ending its thinking early and each round needed another request.';
    super({
      name: 'S1_RequestLimitError',
      message: `[${provider}] Stopped after ${requests} requests for one generation (maxRequests).${why} Raise maxRequests if the run needs more rounds.`,
    });
    this.requests = requests;
    this.emptyCompletions = emptyCompletions;
  }

  /**
   * Whether `error` is a `RequestLimitError` (`S1_RequestLimitError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is RequestLimitError {
    return S1Error.isInstance(error) && error.name === 'S1_RequestLimitError';
  }
}
