import { S1Error } from '@s1/errors';

/**
 * A chat template failed to parse (`phase: 'syntax'`) or to render (`phase: 'render'`,
 * including `raise_exception` calls). `line` is the 1-based template line where it happened,
 * when it could be located.
 */
export class TemplateError extends S1Error {
  readonly phase: 'syntax' | 'render';
  readonly templateName: string;
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

  static override isInstance(error: unknown): error is TemplateError {
    return S1Error.isInstance(error) && error.name === 'S1_TemplateError';
  }
}
