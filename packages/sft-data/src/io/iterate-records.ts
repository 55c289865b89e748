import { objectSchema, validate } from '@s1/errors';
import { z } from 'zod';
import { type DatasetFormat, datasetFiles } from './dataset-files';
import { formatFieldPath, valueAtPath } from './field-path';
import { InvalidRecordError } from './invalid-record-error';
import { maxRowNestingDepth, tooDeeplyNestedPath } from './nesting-depth';
import type { RawRow } from './raw-row';
import { readCsvRows } from './read-csv-rows';
import { readJsonArrayRows } from './read-json-array-rows';
import { readJsonlRows } from './read-jsonl-rows';
import { readParquetRows } from './read-parquet-rows';
import type { ReadReport, SkippedRow } from './read-report';
import { valueExcerpt } from './value-excerpt';

const plainRowSchema = z.record(z.string(), z.unknown());
/**
 * The schema used when none is given: any object.
 *
 * @useDeclaredType
 */
export type PlainRowSchema = typeof plainRowSchema;

/** Options of {@link iterateRecords} and {@link readRecords}. */
export interface ReadRecordsOptions<Schema extends z.ZodType = PlainRowSchema> {
  /** Each row is validated with it; without one, rows must be objects and are returned as is. */
  schema?: Schema;
  /** `'fail'` (default) throws `InvalidRecordError`; `'skip'` leaves the row out and reports it. */
  onInvalid?: 'fail' | 'skip';
  /** Stop after this many records. */
  limit?: number;
  /** The split to read from a Hugging Face dataset folder. Default `'train'`. */
  split?: string;
  /**
   * What an `InvalidRecordError` tells its reader to do, for a caller that does not offer
   * `onInvalid` to its own users. @default to fix the row or read with `onInvalid: 'skip'`
   */
  invalidRowFix?: string;
}

const readRecordsOptionsSchema = z.strictObject({
  schema: objectSchema<z.ZodType>('a zod schema').optional(),
  onInvalid: z.enum(['fail', 'skip']).optional(),
  limit: z.number().int().nonnegative().optional(),
  split: z.string().min(1).optional(),
  invalidRowFix: z.string().min(1).optional(),
} satisfies Record<keyof ReadRecordsOptions, z.ZodType>);

const skipFix =
  "Fix the row, or read with onInvalid: 'skip' to leave it out and list it in the report.";

/** Records one at a time; `report` counts what has been read so far. */
export interface RecordIterable<Record> extends AsyncIterable<Record> {
  /** What has been read so far: files, rows read and skipped. */
  readonly report: ReadReport;
}

const rowReaders: Readonly<Record<DatasetFormat, (file: string) => AsyncGenerator<RawRow>>> = {
  jsonl: readJsonlRows,
  json: readJsonArrayRows,
  csv: readCsvRows,
  parquet: readParquetRows,
};

/**
 * Streams the records of a dataset: a `.jsonl`, `.json` (one array), `.csv` (a header, then
 * records of string fields) or `.parquet` file, or a folder in Hugging Face dataset layout
 * (`data/train-*.parquet`, `data/train-*.jsonl`). Holds one JSONL line or one Parquet row group
 * at a time, so datasets larger than memory work in those formats.
 *
 * @throws InvalidRecordError for an invalid row when `onInvalid` is `'fail'` (the default).
 * @throws InvalidFileError for a corrupt or truncated file, FileNotFoundError for a missing one.
 * @example
 * const records = iterateRecords('s1K/', { schema: s1KRecordSchema, onInvalid: 'skip' });
 * for await (const record of records) console.log(record.question);
 * console.log(records.report.rowsSkipped, records.report.skipped);
 */
export function iterateRecords<Schema extends z.ZodType = PlainRowSchema>(
  source: string,
  options: ReadRecordsOptions<Schema> = {},
): RecordIterable<z.output<Schema>> {
  validate(readRecordsOptionsSchema, options, 'read options');
  const report: ReadReport = { files: [], rowsRead: 0, rowsSkipped: 0, skipped: [] };
  const {
    onInvalid = 'fail',
    limit = Number.POSITIVE_INFINITY,
    invalidRowFix: fix = skipFix,
  } = options;
  // Without a schema, `Schema` is its default, PlainRowSchema.
  const schema = (options.schema ?? plainRowSchema) as Schema;
  const reject = (skipped: SkippedRow, cause?: unknown) => {
    if (onInvalid === 'fail') {
      const { message: reason, ...where } = skipped;
      throw new InvalidRecordError({ ...where, reason, fix, cause });
    }
    report.rowsSkipped++;
    report.skipped.push(skipped);
  };

  async function* records(): AsyncGenerator<z.output<Schema>> {
    if (limit <= 0) return;
    let yielded = 0;
    for (const { path: file, format } of await datasetFiles(source, options.split ?? 'train')) {
      report.files.push(file);
      for await (const rawRow of rowReaders[format](file)) {
        report.rowsRead++;
        const { row } = rawRow;
        if ('unreadable' in rawRow) {
          const { reason, text } = rawRow.unreadable;
          reject({ file, row, path: '', message: reason, excerpt: valueExcerpt(text) });
          continue;
        }
        const deepPath = tooDeeplyNestedPath(rawRow.value);
        if (deepPath !== undefined) {
          const message = `nested more than ${maxRowNestingDepth} levels deep; store deep structures as JSON text`;
          const excerpt = valueExcerpt(valueAtPath(rawRow.value, deepPath));
          reject({ file, row, path: formatFieldPath(deepPath), message, excerpt });
          continue;
        }
        const result = schema.safeParse(rawRow.value);
        if (!result.success) {
          const issue = result.error.issues[0];
          const path = issue?.path ?? [];
          const excerpt = valueExcerpt(valueAtPath(rawRow.value, path));
          // zod's "Invalid input: expected string, received number": the detail is what helps.
          const message = (issue?.message ?? result.error.message).replace(/^Invalid input: /, '');
          reject({ file, row, path: formatFieldPath(path), message, excerpt }, result.error);
          continue;
        }
        yield result.data;
        if (++yielded >= limit) return;
      }
    }
  }

  return { report, [Symbol.asyncIterator]: records };
}
