import { open } from 'node:fs/promises';
import { InvalidArgumentError } from '@s1/chat-template';
import { fileWriter, parquetWriteRows } from 'hyparquet-writer';
import {
  inferParquetColumns,
  type ParquetColumn,
  parquetSchemaElements,
  toParquetValue,
} from './parquet-columns';
import { writeFileAtomically } from './write-file-atomically';

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
  await writeFileAtomically(path, async (temporaryPath) => {
    const file = await open(temporaryPath, 'w');
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
  });
}

/** Compresses one page; hyparquet-writer has snappy built in, other codecs need one. */
export type ParquetCompressor = (bytes: Uint8Array) => Uint8Array;

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
}

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
  await writeFileAtomically(path, (temporaryPath) =>
    parquetWriteRows({
      writer: fileWriter(temporaryPath),
      rows: toParquetRows(source, columns),
      columns: columns.map(({ name }) => ({ name })),
      schema: parquetSchemaElements(columns),
      codec,
      compressors,
    }),
  );
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
