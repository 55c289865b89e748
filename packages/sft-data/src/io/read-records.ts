import type { z } from 'zod';
import { iterateRecords, type PlainRowSchema, type ReadRecordsOptions } from './iterate-records';
import type { ReadReport } from './read-report';

/**
 * Reads every record of a dataset into memory: a `.jsonl`, `.json` (one array), `.csv` (a
 * header, then records of string fields) or `.parquet` file, or a folder in Hugging Face
 * dataset layout, validated with `schema` when given. For
 * datasets larger than memory, use `iterateRecords`.
 *
 * @throws InvalidRecordError for an invalid row when `onInvalid` is `'fail'` (the default).
 * @throws InvalidFileError for a corrupt or truncated file, FileNotFoundError for a missing one.
 * @example
 * const { records, report } = await readRecords('s1K/data/train-00000-of-00001.parquet', {
 *   schema: s1KRecordSchema,
 *   onInvalid: 'skip',
 * });
 * console.log(records.length, report.rowsSkipped, report.skipped[0]?.message);
 */
export async function readRecords<Schema extends z.ZodType = PlainRowSchema>(
  source: string,
  options: ReadRecordsOptions<Schema> = {},
): Promise<{
  /** The records, in file order. */
  records: z.output<Schema>[];
  /** What the read went through. */
  report: ReadReport;
}> {
  const iterable = iterateRecords(source, options);
  const records: z.output<Schema>[] = [];
  for await (const record of iterable) records.push(record);
  return { records, report: iterable.report };
}
