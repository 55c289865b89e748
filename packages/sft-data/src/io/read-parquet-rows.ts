import { InvalidFileError } from '@s1/chat-template';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { checkParquetBounds } from './check-parquet-bounds';
import type { RawRow } from './raw-row';

/**
 * Yields the rows of a Parquet file, one row group in memory at a time, read by ranges from
 * the file rather than loading it whole. Decodes every codec hyparquet-compressors knows
 * (snappy, zstd, gzip, brotli, lz4).
 */
export async function* readParquetRows(file: string): AsyncGenerator<RawRow> {
  const buffer = await asyncBufferFromFile(file);
  await checkParquetBounds(file, buffer);
  const metadata = await readOrExplain(file, 'its footer (file metadata)', () =>
    parquetMetadataAsync(buffer),
  );
  let rowStart = 0;
  for (const [index, rowGroup] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(rowGroup.num_rows);
    const rows = await readOrExplain(file, `row group ${index}`, () =>
      parquetReadObjects({ file: buffer, metadata, compressors, rowStart, rowEnd }),
    );
    for (const [offset, row] of rows.entries()) {
      yield { row: rowStart + offset + 1, value: safeIntegersAsNumbers(row) };
    }
    rowStart = rowEnd;
  }
}

async function readOrExplain<T>(file: string, part: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError({ file, reason: `cannot decode ${part}: ${detail}`, cause: error });
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
