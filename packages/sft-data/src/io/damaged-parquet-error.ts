import { InvalidFileError } from '@s1/errors';

/** The error for a Parquet file whose bytes cannot be read as Parquet: what, where, and the fix. */
export function damagedParquetError(file: string, problem: string, cause?: unknown) {
  return new InvalidFileError({
    file,
    reason: `${problem}; the file is damaged: download or write it again`,
    cause,
  });
}
