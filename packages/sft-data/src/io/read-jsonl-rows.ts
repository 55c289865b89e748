import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RawRow } from './raw-row';

/**
 * Yields the lines of a JSONL file one at a time, parsed, numbered from 1. Blank lines are not
 * rows but still count for line numbers, so `row` is the line an editor shows.
 */
export async function* readJsonlRows(file: string): AsyncGenerator<RawRow> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let row = 0;
  try {
    for await (const line of lines) {
      row++;
      if (line.trim() === '') continue;
      try {
        yield { row, value: JSON.parse(line) };
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        yield { row, unreadable: { reason: `not valid JSON (${error.message})`, text: line } };
      }
    }
  } finally {
    lines.close();
  }
}
