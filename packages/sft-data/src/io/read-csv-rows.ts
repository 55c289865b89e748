import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidFileError } from '@s1/errors';
import { CsvError, parse } from 'csv-parse';
import type { RawRow } from './raw-row';

// A record this long is a damaged file (a quote never closed swallows the rest), not a row.
const maxRecordCharacters = 64 * 1024 * 1024;

// What each of csv-parse's quoting errors means for someone fixing the file.
const quotingProblems: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'a double quote inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field',
  CSV_MAX_RECORD_SIZE: `a record longer than ${maxRecordCharacters} characters`,
};

/**
 * Yields the records of a `.csv` file (RFC 4180, parsed by csv-parse as it streams) after its
 * header, each an object from the header's column names to its string fields, numbered by the
 * line the record starts on (a quoted field may span lines). A record whose field count differs
 * from the header's is an unreadable row; broken quoting or invalid UTF-8 is a damaged file,
 * since where the records after it start can no longer be told.
 */
export async function* readCsvRows(file: string): AsyncGenerator<RawRow> {
  const parser = parse({
    info: true,
    relax_column_count: true,
    // A lone CR stays in its field, as in Python's csv module with newline=''.
    record_delimiter: ['\r\n', '\n'],
    max_record_size: maxRecordCharacters,
  });
  // Errors of the file or its decoding reach the loop below through the parser.
  pipeline(Readable.from(strictUtf8Text(file)), parser).catch(() => undefined);
  let header: string[] | undefined;
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvParsed>) {
      const row = lastLine + 1;
      lastLine = info.lines;
      if (header === undefined) {
        header = record;
        continue;
      }
      if (record.length !== header.length) {
        const reason = `has ${record.length} fields, the header ${header.length}`;
        yield { row, unreadable: { reason, text: record.join(',') } };
        continue;
      }
      const columns = header;
      yield { row, value: Object.fromEntries(columns.map((name, index) => [name, record[index]])) };
    }
  } catch (error) {
    throw damagedFileError(file, error);
  }
}

interface CsvParsed {
  record: string[];
  info: { lines: number };
}

// Decodes as it reads; invalid UTF-8 fails rather than turning into U+FFFD, and a byte order
// mark is dropped.
async function* strictUtf8Text(file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(file)) {
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  yield decoder.decode();
}

function damagedFileError(file: string, error: unknown): unknown {
  if (error instanceof CsvError) {
    const problem = quotingProblems[error.code] ?? error.message;
    return new InvalidFileError({ file, reason: `line ${error.lines}: ${problem}`, cause: error });
  }
  if (
    error instanceof TypeError &&
    (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
  ) {
    return new InvalidFileError({ file, reason: 'not valid UTF-8 text', cause: error });
  }
  return error;
}
