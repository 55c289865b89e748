import { readFile } from 'node:fs/promises';
import { InvalidFileError } from '@s1/errors';
import type { RawRow } from './raw-row';

/** Yields the elements of a `.json` file holding one array of rows, numbered from 1. */
export async function* readJsonArrayRows(file: string): AsyncGenerator<RawRow> {
  // Invalid UTF-8 fails rather than turning into U+FFFD; the decoder drops a byte order mark
  // (Windows editors write one), which is not JSON.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (error) {
    throw new InvalidFileError({ file, reason: 'not valid UTF-8 text', cause: error });
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError({ file, reason: `not valid JSON (${detail})`, cause: error });
  }
  if (!Array.isArray(rows)) {
    throw new InvalidFileError({
      file,
      reason: 'expected a JSON array of rows; for one row per line, name the file .jsonl',
    });
  }
  for (const [index, value] of rows.entries()) yield { row: index + 1, value };
}
