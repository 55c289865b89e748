import { S1Error } from './s1-error';

/** A required file (tokenizer.json, a chat template) was not found. Lists every path tried. */
export class FileNotFoundError extends S1Error {
  /** Every path tried, in order. */
  readonly lookedFor: readonly string[];

  constructor({
    what,
    lookedFor,
    hint,
    cause,
  }: {
    what: string;
    lookedFor: readonly string[];
    hint: string;
    cause?: unknown;
  }) {
    super({
      name: 'S1_FileNotFoundError',
      message: `No ${what} found. Looked for:\n${lookedFor.map((path) => `  - ${path}`).join('\n')}\n${hint}`,
      cause,
    });
    this.lookedFor = lookedFor;
  }

  /**
   * Whether `error` is a `FileNotFoundError` (`S1_FileNotFoundError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is FileNotFoundError {
    return S1Error.isInstance(error) && error.name === 'S1_FileNotFoundError';
  }
}
