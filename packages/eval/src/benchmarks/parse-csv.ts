import { InvalidBenchmarkRowError } from './invalid-benchmark-row-error';
import { valueExcerpt } from './value-excerpt';

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses RFC 4180 CSV: comma-separated fields; records end at CRLF or LF; a quoted field may
 * hold commas, line breaks and `""` (one quote). A final line break adds no record, and a
 * leading byte-order mark is dropped. A stray or unclosed quote is an
 * `InvalidBenchmarkRowError` naming `file` and the line.
 *
 * @example
 * ```ts
 * parseCsv('a,b\r\n"x, ""y""",z\r\n', 'f.csv');
 * // [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x, "y"', 'z'] }]
 * ```
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let position = text.startsWith('\uFEFF') ? 1 : 0;
  let recordStart = position;

  const fail = (reason: string, at: number): never => {
    throw new InvalidBenchmarkRowError({
      file,
      row: line,
      field: '',
      reason,
      excerpt: valueExcerpt(text.slice(at, at + 40)),
    });
  };
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (position < text.length) {
    const character = text[position] as string;
    if (character === '"' && field === '') {
      position = readQuoted(position + 1);
      continue;
    }
    if (character === '"') fail('a double quote inside an unquoted field', position);
    if (character === ',') {
      fields.push(field);
      field = '';
    } else if (character === '\n' || (character === '\r' && text[position + 1] === '\n')) {
      endRecord();
      position += character === '\r' ? 1 : 0;
      line++;
      recordLine = line;
      recordStart = position + 1;
    } else {
      field += character;
    }
    position++;
  }
  if (position > recordStart) endRecord();
  return records;

  // Reads a quoted field from just after its opening quote; returns the position after the
  // closing quote, which must end the field.
  function readQuoted(start: number): number {
    let cursor = start;
    for (;;) {
      const closing = text.indexOf('"', cursor);
      if (closing === -1) return fail('a quoted field is never closed', start - 1);
      const chunk = text.slice(cursor, closing);
      field += chunk;
      line += chunk.split('\n').length - 1;
      if (text[closing + 1] === '"') {
        field += '"';
        cursor = closing + 2;
        continue;
      }
      const after = text.slice(closing + 1, closing + 3);
      if (!(after === '' || /^(,|\n|\r\n)/.test(after))) {
        fail('text after the closing quote of a field', closing);
      }
      return closing + 1;
    }
  }
}
