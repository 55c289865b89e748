/**
 * One row as a format reader yields it, before schema validation: its value, or why it could
 * not be read (a JSONL line that is not JSON). `row` is 1-based within its file.
 */
export type RawRow =
  | { row: number; value: unknown }
  | { row: number; unreadable: { reason: string; text: string } };
