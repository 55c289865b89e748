import { createReadStream } from 'node:fs';
import type { RawRow } from './raw-row';

const newline = 0x0a;
const byteOrderMark = '\uFEFF';

/**
 * Yields the lines of a JSONL file one at a time, parsed, numbered from 1. Blank lines are not
 * rows but still count for line numbers, so `row` is the line an editor shows. A UTF-8 byte order
 * mark before the first line is dropped (Windows editors write one); a line that is not valid
 * UTF-8 is an unreadable row rather than text with U+FFFD in it.
 */
export async function* readJsonlRows(file: string): AsyncGenerator<RawRow> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  let row = 0;
  const parse = (bytes: Uint8Array): RawRow | undefined => {
    row++;
    let line: string;
    try {
      line = strict.decode(bytes);
    } catch {
      return {
        row,
        unreadable: { reason: 'not valid UTF-8 text', text: lenient.decode(bytes) },
      };
    }
    if (row === 1 && line.startsWith(byteOrderMark)) line = line.slice(1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return undefined;
    try {
      return { row, value: JSON.parse(line) };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return { row, unreadable: { reason: `not valid JSON (${error.message})`, text: line } };
    }
  };
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(newline); end !== -1; end = chunk.indexOf(newline, start)) {
      const parsed = parse(Buffer.concat([...pending, chunk.subarray(start, end)]));
      pending = [];
      start = end + 1;
      if (parsed !== undefined) yield parsed;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const parsed = parse(Buffer.concat(pending));
    if (parsed !== undefined) yield parsed;
  }
}
