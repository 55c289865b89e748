import { InvalidFileError } from '@s1/errors';
import { InvalidBenchmarkRowError } from './invalid-benchmark-row-error';
import { readBenchmarkFile } from './read-benchmark-file';
import { valueExcerpt } from './value-excerpt';

/** A parsed row and its 1-based number (see `InvalidBenchmarkRowError`). */
export interface NumberedRow {
  row: number;
  value: unknown;
}

/**
 * The rows of a `.json` file (an array) or of a JSONL file (any other name). Blank JSONL lines
 * are skipped but still counted, so `row` is the line an editor shows.
 */
export async function readJsonRows(file: string): Promise<NumberedRow[]> {
  const text = await readBenchmarkFile(file);
  return file.toLowerCase().endsWith('.json') ? jsonArrayRows(file, text) : jsonlRows(file, text);
}

function jsonArrayRows(file: string, text: string): NumberedRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError({ file, reason: 'not valid JSON', cause: error });
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidFileError({ file, reason: 'a .json benchmark must hold an array of rows' });
  }
  return parsed.map((value, index) => ({ row: index + 1, value }));
}

function jsonlRows(file: string, text: string): NumberedRow[] {
  const rows: NumberedRow[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    try {
      rows.push({ row: index + 1, value: JSON.parse(line) });
    } catch (error) {
      throw new InvalidBenchmarkRowError({
        file,
        row: index + 1,
        field: '',
        reason: 'not valid JSON',
        excerpt: valueExcerpt(line),
        cause: error,
      });
    }
  }
  return rows;
}
