import { S1Error } from '@s1/errors';

/** A sampler cannot do what it was asked with the pool it was given. */
export class SamplingError extends S1Error {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ name: 'S1_SamplingError', message, cause });
  }

  /** Whether `error` is a `SamplingError` (`S1_SamplingError`), from any copy of the package. */
  static override isInstance(error: unknown): error is SamplingError {
    return S1Error.isInstance(error) && error.name === 'S1_SamplingError';
  }
}
