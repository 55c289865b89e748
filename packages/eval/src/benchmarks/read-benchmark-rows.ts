import { readRecords } from '@s1/sft-data';
import type { z } from 'zod';

// Leaving a row out would change the benchmark, so the loaders offer no `onInvalid: 'skip'`.
const benchmarkRowFix =
  'Fix the row: a benchmark is scored on all of its problems, so none is left out.';

/**
 * The rows of a benchmark file, each validated with `schema`.
 *
 * @throws InvalidRecordError (from `@s1/sft-data`) for a row that is not a problem, naming the
 * file, the row and the field.
 */
export async function readBenchmarkRows<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
): Promise<z.output<Schema>[]> {
  return (await readRecords(file, { schema, invalidRowFix: benchmarkRowFix })).records;
}
