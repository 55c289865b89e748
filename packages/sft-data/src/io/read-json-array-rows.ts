import { readFile } from 'node:fs/promises';
import { InvalidFileError } from '@s1/chat-template';
import type { RawRow } from './raw-row';

/** Yields the elements of a `.json` file holding one array of rows, numbered from 1. */
export async function* readJsonArrayRows(file: string): AsyncGenerator<RawRow> {
  let rows: unknown;
  try {
    rows = JSON.parse(await readFile(file, 'utf8'));
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
