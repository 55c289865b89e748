import { S1Error } from '@s1/errors';

/**
 * A chat template failed to parse (`phase: 'syntax'`) or to render (`phase: 'render'`,
 * including `raise_exception` calls). `line` is the 1-based template line where it happened,
 * when it could be located.
 */
export class TemplateError extends S1Error {
  /** Whether the template failed to parse (`syntax`) or to render (`render`). */
  readonly phase: 'syntax' | 'render';
  /** The template's name (a preset name, a file, or the name given), as in the message. */
  readonly templateName: string;
  /** The 1-based template line where it failed, or undefined when it could not be located. */
  readonly line: number | undefined;

  constructor({
    phase,
    templateName,
    line,
    lineText,
    reason,
    cause,
  }: {
    phase: 'syntax' | 'render';
    templateName: string;
    line: number | undefined;
    lineText: string | undefined;
    reason: string;
    cause?: unknown;
  }) {
    const where = line === undefined ? '' : ` at line ${line}`;
    const excerpt = lineText === undefined ? '' : `\n  ${line} | ${lineText.trim()}`;
    const verb = phase === 'syntax' ? 'could not be parsed' : 'failed while rendering';
    super({
      name: 'S1_TemplateError',
      message: `Chat template "${templateName}" ${verb}${where}: ${reason}${excerpt}`,
      cause,
    });
    this.phase = phase;
    this.templateName = templateName;
    this.line = line;
  }

  /** Whether `error` is a `TemplateError` (`S1_TemplateError`), from any copy of the package. */
  static override isInstance(error: unknown): error is TemplateError {
    return S1Error.isInstance(error) && error.name === 'S1_TemplateError';
  }
}
