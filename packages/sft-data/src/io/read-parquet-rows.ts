import { InvalidFileError } from '@s1/errors';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { checkParquetBounds } from './check-parquet-bounds';
import { checkParquetLayout } from './check-parquet-layout';
import { checkParquetPages } from './check-parquet-pages';
import { damagedParquetError } from './damaged-parquet-error';
import type { RawRow } from './raw-row';

/**
 * Yields the rows of a Parquet file, one row group in memory at a time, read by ranges from
 * the file rather than loading it whole. Decodes every codec hyparquet-compressors knows
 * (snappy, zstd, gzip, brotli, lz4). Every failure, whatever hyparquet throws, is an
 * InvalidFileError that names the part of the file it was reading.
 */
export async function* readParquetRows(file: string): AsyncGenerator<RawRow> {
  const buffer = await failingAsInvalidFile(file, 'read it', ioError, async () => {
    const buffer = await asyncBufferFromFile(file);
    await checkParquetBounds(file, buffer);
    return buffer;
  });
  const footer = 'decode its footer (file metadata)';
  const [metadata, schema] = await failingAsInvalidFile(
    file,
    footer,
    damagedParquetError,
    async () => {
      const metadata = await parquetMetadataAsync(buffer);
      checkParquetLayout(file, metadata);
      return [metadata, parquetSchema(metadata)] as const;
    },
  );
  const decoding = { schema, compressors };
  let rowStart = 0;
  for (const [index, rowGroup] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(rowGroup.num_rows);
    const part = `decode row group ${index} (rows ${rowStart + 1} to ${rowEnd})`;
    const rows = await failingAsInvalidFile(file, part, damagedParquetError, async () => {
      await checkParquetPages(file, buffer, rowGroup, index, decoding);
      const rows = await parquetReadObjects({
        file: buffer,
        metadata,
        compressors,
        rowStart,
        rowEnd,
      });
      return rows.map(safeIntegersAsNumbers);
    });
    for (const [offset, value] of rows.entries()) yield { row: rowStart + offset + 1, value };
    rowStart = rowEnd;
  }
}

type FileErrorFor = (file: string, problem: string, cause: unknown) => InvalidFileError;

const ioError: FileErrorFor = (file, problem, cause) =>
  new InvalidFileError({ file, reason: problem, cause });

/**
 * Runs `run`; whatever it throws (hyparquet throws plain Errors and RangeErrors) becomes an
 * InvalidFileError that says what was being done, unless it already is one.
 */
async function failingAsInvalidFile<T>(
  file: string,
  action: string,
  errorFor: FileErrorFor,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (InvalidFileError.isInstance(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw errorFor(file, `cannot ${action}: ${detail}`, error);
  }
}

/**
 * INT64 columns decode to bigint; rows are JSON-like, so those within Number's exact range
 * become numbers (pyarrow writes Python ints as int64, token ids included). Larger ones stay
 * bigint rather than lose digits.
 */
function safeIntegersAsNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const isSafe =
      value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
    return isSafe ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(safeIntegersAsNumbers);
  if (typeof value === 'object' && value !== null && value.constructor === Object) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, safeIntegersAsNumbers(item)]),
    );
  }
  return value;
}
