import { S1Error } from '@s1/errors';

/** A token string has no id in the tokenizer's vocabulary. */
export class UnknownTokenError extends S1Error {
  /** The token string that was looked up. */
  readonly token: string;

  constructor({ token, tokenizerName }: { token: string; tokenizerName: string }) {
    super({
      name: 'S1_UnknownTokenError',
      message: `Token ${JSON.stringify(token)} is not in the vocabulary of ${tokenizerName}. Check the spelling, or encode the text with tokenizer.encode() if it is not a single token.`,
    });
    this.token = token;
  }

  /**
   * Whether `error` is an `UnknownTokenError` (`S1_UnknownTokenError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is UnknownTokenError {
    return S1Error.isInstance(error) && error.name === 'S1_UnknownTokenError';
  }
}
