/** How to read the fields selection needs from a record of any shape. */
export interface RecordAccessors<Row> {
  /** A stable id, for reports and caches. */
  id(row: Row, index: number): string;
  /** The question. */
  question(row: Row): string;
  /** The reasoning trace (s1K: `thinking_trajectories[0]`). */
  trace(row: Row): string | undefined;
  /** The reference solution or answer (s1K: `solution`). */
  answer(row: Row): string | undefined;
  /** Where it came from (s1K: `source_type`). */
  source(row: Row): string | undefined;
  /** A domain label, when the records carry one. */
  domain(row: Row): string | undefined;
}

/** A record in the pool, with what the stages learned about it. */
export interface PoolItem<Row> {
  /** The record's id (from `accessors.id`). */
  id: string;
  /** The record, as read. */
  row: Row;
  /** Features computed by stages: `domain`, `traceLength`, `solvedBy`, … */
  features: Record<string, unknown>;
}
