/** A row left out with `onInvalid: 'skip'`, and why. */
export interface SkippedRow {
  /** The dataset file. */
  file: string;
  /**
   * 1-based line (JSONL; CSV: the line the record starts on) or row (JSON array, Parquet) number
   * within `file`.
   */
  row: number;
  /** The failing field, e.g. `thinking_trajectories[0]`; empty for the whole row. */
  path: string;
  /** What is wrong with the row. */
  message: string;
  /** The offending value, at most 80 characters. */
  excerpt: string;
}

/** What a read went through: no row is dropped without being listed here. */
export interface ReadReport {
  /** The files read, in order. */
  files: string[];
  /** Rows read, valid or not. */
  rowsRead: number;
  /** Rows left out with `onInvalid: 'skip'`. */
  rowsSkipped: number;
  /** Each row left out, and why. */
  skipped: SkippedRow[];
}
