import { S1Error } from '@s1/errors';

/**
 * A row of a benchmark file is not a valid problem. `row` is 1-based: the line of a JSONL or
 * CSV file (where the record starts), or the index + 1 in a JSON array; `field` names the
 * field (`answer`, `Incorrect Answer 2`), empty for the whole row.
 *
 * @example
 * ```ts
 * try {
 *   await loadMath500('test.jsonl');
 * } catch (error) {
 *   if (InvalidBenchmarkRowError.isInstance(error)) console.error(error.file, error.row, error.field);
 * }
 * ```
 */
export class InvalidBenchmarkRowError extends S1Error {
  readonly file: string;
  readonly row: number;
  readonly field: string;

  constructor({
    file,
    row,
    field,
    reason,
    excerpt,
    cause,
  }: {
    file: string;
    row: number;
    field: string;
    reason: string;
    /** The offending value, already cut to a short excerpt. */
    excerpt: string;
    cause?: unknown;
  }) {
    super({
      name: 'S1_InvalidBenchmarkRowError',
      message: `${file}, row ${row}, ${field || '(whole row)'}: ${reason} (value: ${excerpt}).`,
      cause,
    });
    this.file = file;
    this.row = row;
    this.field = field;
  }

  static override isInstance(error: unknown): error is InvalidBenchmarkRowError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidBenchmarkRowError';
  }
}
