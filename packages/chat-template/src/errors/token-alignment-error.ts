import { S1Error } from '@s1/errors';

/** Token ids could not be aligned with the rendered messages; says why and what to use instead. */
export class TokenAlignmentError extends S1Error {
  constructor({ reason }: { reason: string }) {
    super({
      name: 'S1_TokenAlignmentError',
      message: `Cannot map messages to tokens: ${reason}. template.render() and tokenizer.encode() still give the text and ids, without spans.`,
    });
  }

  /**
   * Whether `error` is a `TokenAlignmentError` (`S1_TokenAlignmentError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is TokenAlignmentError {
    return S1Error.isInstance(error) && error.name === 'S1_TokenAlignmentError';
  }
}
