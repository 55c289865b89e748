import type { z } from 'zod';
import { s1K11RecordSchema, s1KRecordSchema, sftRecordSchema } from './s1k-schemas';

/** The row schemas the package reads: s1K, s1K-1.1, and the generic SFT record. */
export type RecordSchemaName = 's1k' | 's1k-1.1' | 'sft';

/** The zod schema of each row schema, by name. */
export const recordSchemas: Readonly<Record<RecordSchemaName, z.ZodType>> = {
  s1k: s1KRecordSchema,
  's1k-1.1': s1K11RecordSchema,
  sft: sftRecordSchema,
};

/** The schema a row's columns name: s1K (`thinking_trajectories`), s1K-1.1, or the generic record. */
export function recordSchemaNameOf(row: unknown): RecordSchemaName {
  const columns = typeof row === 'object' && row !== null ? row : {};
  if ('thinking_trajectories' in columns) return 's1k';
  if ('deepseek_thinking_trajectory' in columns) return 's1k-1.1';
  return 'sft';
}
