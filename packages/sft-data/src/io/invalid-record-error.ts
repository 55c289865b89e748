import { S1Error } from '@s1/errors';

/**
 * A row of a dataset file is not a valid record: not JSON, or not what the schema asks for.
 * `row` is the 1-based line (JSONL; for CSV the line the record starts on) or row (JSON array,
 * Parquet) number; `path` names the field (`thinking_trajectories[0]`), empty for the whole row.
 */
export class InvalidRecordError extends S1Error {
  /** The dataset file. */
  readonly file: string;
  /** The 1-based line (JSONL, CSV) or row (JSON array, Parquet) number. */
  readonly row: number;
  /** The field (`thinking_trajectories[0]`), empty for the whole row. */
  readonly path: string;
  /** What is wrong with the value. */
  readonly reason: string;
  /** The offending value, cut to a short excerpt. */
  readonly excerpt: string;
  /** What to do about it, as the message ends. */
  readonly fix: string;

  constructor({
    file,
    row,
    path,
    reason,
    excerpt,
    fix = 'Fix the row.',
    cause,
  }: {
    file: string;
    row: number;
    path: string;
    reason: string;
    /** The offending value, already cut to a short excerpt. */
    excerpt: string;
    /** What to do about it, by whoever read the file. @default 'Fix the row.' */
    fix?: string;
    cause?: unknown;
  }) {
    super({
      name: 'S1_InvalidRecordError',
      message: `${file}, row ${row}, ${path || '(whole row)'}: ${reason} (value: ${excerpt}). ${fix}`,
      cause,
    });
    this.file = file;
    this.row = row;
    this.path = path;
    this.reason = reason;
    this.excerpt = excerpt;
    this.fix = fix;
  }

  /**
   * Whether `error` is an `InvalidRecordError` (`S1_InvalidRecordError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is InvalidRecordError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidRecordError';
  }
}
