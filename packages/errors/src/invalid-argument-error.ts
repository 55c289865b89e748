import { S1Error } from './s1-error';

/** An argument (messages, options, a format) failed validation. `path` names the field. */
export class InvalidArgumentError extends S1Error {
  /** What was invalid, as the message names it (e.g. `run options`). */
  readonly argument: string;
  /** One entry per problem found. */
  readonly issues: readonly {
    /**
     * The field, as a path from the argument (`thinking.max`, `messages[2].role`; empty for the
     * argument itself).
     */
    path: string;
    /** What is wrong with it. */
    message: string;
  }[];

  constructor({
    argument,
    issues,
    cause,
  }: {
    argument: string;
    issues: readonly { path: string; message: string }[];
    cause?: unknown;
  }) {
    const details = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    super({
      name: 'S1_InvalidArgumentError',
      message: `Invalid ${argument}:\n${details.join('\n')}`,
      cause,
    });
    this.argument = argument;
    this.issues = issues;
  }

  /**
   * Whether `error` is an `InvalidArgumentError` (`S1_InvalidArgumentError`), from any copy of
   * the package.
   */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidArgumentError';
  }
}
