import { S1Error } from './s1-error';

/** An argument (messages, options, a format) failed validation. `path` names the field. */
export class InvalidArgumentError extends S1Error {
  readonly argument: string;
  readonly issues: readonly { path: string; message: string }[];

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

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidArgumentError';
  }
}
