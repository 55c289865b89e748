/** A row left out with `onInvalid: 'skip'`, and why. */
export interface SkippedRow {
  file: string;
  /**
   * 1-based line (JSONL; CSV: the line the record starts on) or row (JSON array, Parquet) number
   * within `file`.
   */
  row: number;
  /** The failing field, e.g. `thinking_trajectories[0]`; empty for the whole row. */
  path: string;
  message: string;
  /** The offending value, at most 80 characters. */
  excerpt: string;
}

/** What a read went through: no row is dropped without being listed here. */
export interface ReadReport {
  files: string[];
  rowsRead: number;
  rowsSkipped: number;
  skipped: SkippedRow[];
}
