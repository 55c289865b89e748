import { open } from 'node:fs/promises';
import { InvalidArgumentError, writeFileAtomically } from '@s1/errors';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import {
  inferParquetColumns,
  type ParquetColumn,
  parquetSchemaElements,
  toParquetValue,
} from './parquet-columns';
import { type RowGroupLimits, rowGroups } from './parquet-row-groups';

/**
 * Rows from an iterable or an async iterable.
 *
 * @inline
 */
type Rows<Row> = Iterable<Row> | AsyncIterable<Row>;

// Lines are gathered into chunks of about this many characters between writes.
const jsonlChunkLength = 1 << 20;

/**
 * Writes one JSON object per line, atomically (a temporary file beside `path`, then a rename).
 * Rows may come from an async iterable, so they need not all be in memory.
 *
 * @example
 * await writeJsonl('out/train.jsonl', [{ question: 'What is 1+1?', answer: '2' }]);
 */
export async function writeJsonl(path: string, rows: Rows<unknown>): Promise<void> {
  await writeFileAtomically(path, (temporaryPath) => writeJsonlFile(temporaryPath, rows));
}

/** `writeJsonl` into a new file at `path`, not atomically: for callers that stage it. */
export async function writeJsonlFile(path: string, rows: Rows<unknown>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    let chunk = '';
    for await (const row of rows) {
      chunk += `${JSON.stringify(row)}\n`;
      if (chunk.length >= jsonlChunkLength) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
}

/** Compresses one page; hyparquet-writer has snappy built in, other codecs need one. */
export type ParquetCompressor = (bytes: Uint8Array) => Uint8Array;

/** Options of {@link writeParquet}. */
export interface WriteParquetOptions {
  /**
   * Column names and types, in order. Default: inferred from every row, which reads all rows
   * into memory first; give them to stream rows from an async iterable.
   */
  columns?: readonly ParquetColumn[];
  /** Page compression. Default `'SNAPPY'`; `'ZSTD'` needs a compressor in `compressors`. */
  codec?: 'SNAPPY' | 'UNCOMPRESSED' | 'ZSTD';
  /** Page compressors by codec, e.g. `{ ZSTD: (bytes) => compressed }`. */
  compressors?: Partial<Record<'SNAPPY' | 'ZSTD', ParquetCompressor>>;
  /**
   * Bounds of a row group, which is what the writer holds in memory.
   * @default 32 MiB of values or 100,000 rows, whichever comes first
   */
  rowGroup?: Partial<RowGroupLimits>;
}

const defaultRowGroup: RowGroupLimits = { bytes: 8 << 20, rows: 100_000 };

/**
 * Writes rows to a Parquet file that pyarrow and Hugging Face `datasets` read: strings,
 * booleans, int32/int64/double numbers and lists of them (`list<int32>` for token ids), every
 * column nullable. Written atomically (a temporary file beside `path`, then a rename).
 *
 * @example
 * await writeParquet('out/train.parquet', tokenizedRows, {
 *   columns: [
 *     { name: 'text', type: 'string' },
 *     { name: 'input_ids', type: 'list<int32>' },
 *     { name: 'labels', type: 'list<int32>' },
 *     { name: 'attention_mask', type: 'list<int32>' },
 *   ],
 * });
 */
export async function writeParquet(
  path: string,
  rows: Rows<Record<string, unknown>>,
  options: WriteParquetOptions = {},
): Promise<void> {
  await writeFileAtomically(path, (temporaryPath) =>
    writeParquetFile(temporaryPath, rows, options),
  );
}

/** `writeParquet` into a file at `path`, not atomically: for callers that stage it. */
export async function writeParquetFile(
  path: string,
  rows: Rows<Record<string, unknown>>,
  options: WriteParquetOptions = {},
): Promise<void> {
  const { codec = 'SNAPPY', compressors } = options;
  if (codec === 'ZSTD' && compressors?.ZSTD === undefined) {
    throw new InvalidArgumentError({
      argument: 'Parquet write options',
      issues: [{ path: 'compressors.ZSTD', message: 'codec ZSTD needs a ZSTD compressor' }],
    });
  }
  const [columns, source] =
    options.columns === undefined ? await withInferredColumns(rows) : [options.columns, rows];
  if (columns.length === 0) {
    throw new InvalidArgumentError({
      argument: 'Parquet rows',
      issues: [{ path: 'columns', message: 'no columns: pass rows or `columns`' }],
    });
  }
  const limits = { ...defaultRowGroup, ...options.rowGroup };
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: parquetSchemaElements(columns),
    codec,
    compressors,
  });
  let groups = 0;
  for await (const group of rowGroups(toParquetRows(source, columns), columns, limits)) {
    await writer.write({ columnData: columnData(group, columns), rowGroupSize: group.length });
    groups++;
  }
  // A file with no rows still declares its columns.
  if (groups === 0) await writer.write({ columnData: columnData([], columns) });
  await writer.finish();
}

function columnData(rows: readonly Record<string, unknown>[], columns: readonly ParquetColumn[]) {
  return columns.map(({ name }) => ({ name, data: rows.map((row) => row[name]) }));
}

async function withInferredColumns(
  rows: Rows<Record<string, unknown>>,
): Promise<[ParquetColumn[], Record<string, unknown>[]]> {
  const all: Record<string, unknown>[] = [];
  for await (const row of rows) all.push(row);
  return [inferParquetColumns(all), all];
}

async function* toParquetRows(
  rows: Rows<Record<string, unknown>>,
  columns: readonly ParquetColumn[],
): AsyncGenerator<Record<string, unknown>> {
  let row = 0;
  for await (const values of rows) {
    row++;
    const converted: Record<string, unknown> = {};
    for (const { name, type } of columns) {
      converted[name] = toParquetValue(values[name], type, { name, row });
    }
    yield converted;
  }
}
