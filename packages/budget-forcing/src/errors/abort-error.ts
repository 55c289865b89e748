import { S1Error } from '@s1/errors';

/** The caller's AbortSignal fired. `reason` is the signal's reason. */
export class GenerationAbortedError extends S1Error {
  constructor({ reason }: { reason: unknown }) {
    super({
      name: 'S1_GenerationAbortedError',
      message: 'Generation was aborted by its AbortSignal.',
      cause: reason,
    });
  }

  /**
   * Whether `error` is a `GenerationAbortedError` (`S1_GenerationAbortedError`), from any copy of
   * the package.
   */
  static override isInstance(error: unknown): error is GenerationAbortedError {
    return S1Error.isInstance(error) && error.name === 'S1_GenerationAbortedError';
  }
}

/** Throws `GenerationAbortedError` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GenerationAbortedError({ reason: signal.reason });
}
