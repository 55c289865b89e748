import { S1Error } from './s1-error';

/** A method was called when the object could no longer accept it (e.g. input after `end()`). */
export class InvalidStateError extends S1Error {
  constructor({ message }: { message: string }) {
    super({ name: 'S1_InvalidStateError', message });
  }

  /**
   * Whether `error` is an `InvalidStateError` (`S1_InvalidStateError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is InvalidStateError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidStateError';
  }
}
