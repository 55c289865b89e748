import type { ParquetColumn } from './parquet-columns';

/**
 * When a Parquet row group closes: at a size or at a row count, whichever comes first.
 *
 * @inline
 */
export interface RowGroupLimits {
  /** A group closes once its values take about this many bytes in the file, uncompressed. */
  bytes: number;
  /** …or holds this many rows. */
  rows: number;
}

/**
 * Cuts a stream of rows into Parquet row groups bounded by size, so a writer holds one group in
 * memory however many rows pass: a fixed row count would hold 32K-token examples by the
 * thousand.
 */
export async function* rowGroups(
  rows: AsyncIterable<Record<string, unknown>>,
  columns: readonly ParquetColumn[],
  limits: RowGroupLimits,
): AsyncGenerator<Record<string, unknown>[]> {
  let group: Record<string, unknown>[] = [];
  let bytes = 0;
  for await (const row of rows) {
    group.push(row);
    bytes += rowBytes(row, columns);
    if (bytes >= limits.bytes || group.length >= limits.rows) {
      yield group;
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) yield group;
}

function rowBytes(row: Record<string, unknown>, columns: readonly ParquetColumn[]): number {
  let bytes = 0;
  for (const { name, type } of columns) {
    const value = row[name];
    if (typeof value === 'string') bytes += value.length;
    else if (Array.isArray(value)) bytes += value.length * (type.includes('int32') ? 4 : 8);
    else bytes += 8;
  }
  return bytes;
}
