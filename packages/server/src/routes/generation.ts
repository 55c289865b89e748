/**
 * One generation as a route sees it: the client's signal (it fires when the client goes away)
 * and the calls that end it, which free its slot and log it.
 */
export interface Generation {
  readonly signal: AbortSignal;
  /** The response streams: the generation ends when its stream does, not when the route returns. */
  streaming(): void;
  /** The generation ended, with its thinking tokens, or the error it ended with. */
  finish(outcome: { thinkingTokens?: number | undefined; error?: unknown }): void;
}

/** A checked request, run once it has a slot. */
export type Run = (generation: Generation) => Promise<Response>;
