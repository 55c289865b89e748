import { S1Error } from '@s1/errors';

/**
 * `removeBoxed` got a string that is not a box it can unwrap. With `fidelity: 'reference'` this
 * is where the harness's `remove_boxed` fails its assertion, e.g. on an `\fbox{…}` hit.
 */
export class MalformedBoxError extends S1Error {
  /** The box that could not be unwrapped. */
  readonly box: string;

  constructor({ box, expected }: { box: string; expected: string }) {
    super({
      name: 'S1_MalformedBoxError',
      message: `Cannot unwrap ${JSON.stringify(box.slice(0, 80))}: expected ${expected}. The s1 reference grader crashes here; use fidelity 'fixed' to accept \\fbox.`,
    });
    this.box = box;
  }

  /**
   * Whether `error` is a `MalformedBoxError` (`S1_MalformedBoxError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is MalformedBoxError {
    return S1Error.isInstance(error) && error.name === 'S1_MalformedBoxError';
  }
}
