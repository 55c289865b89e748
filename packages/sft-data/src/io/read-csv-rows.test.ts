import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError } from '@s1/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../../tooling/rejection';
import type { RawRow } from './raw-row';
import { readCsvRows } from './read-csv-rows';

let folder: string;
let files = 0;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-csv-rows-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function rowsOf(content: string | Uint8Array): Promise<RawRow[]> {
  const file = join(folder, `${files++}.csv`);
  await writeFile(file, content);
  const rows: RawRow[] = [];
  for await (const row of readCsvRows(file)) rows.push(row);
  return rows;
}

const values = async (text: string) =>
  (await rowsOf(text)).map((row) => ('value' in row ? row.value : row.unreadable));

function toCsv(records: string[][], lineBreak: string): string {
  const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;
  return records.map((record) => record.map(quote).join(',')).join(lineBreak) + lineBreak;
}

describe('readCsvRows', () => {
  it('should read quoted fields holding commas, line breaks and doubled quotes', async () => {
    expect(await values('a,b,c\r\n"x, y","line 1\nline 2","say ""hi"""\r\n')).toEqual([
      { a: 'x, y', b: 'line 1\nline 2', c: 'say "hi"' },
    ]);
  });

  it('should accept LF or CRLF, a missing final line break, empty fields and a lone CR', async () => {
    expect(await values('a,b\n,\r\n"",x\nc\rd,e')).toEqual([
      { a: '', b: '' },
      { a: '', b: 'x' },
      { a: 'c\rd', b: 'e' },
    ]);
  });

  it('should number each record by the line it starts on', async () => {
    const rows = await rowsOf('h1,h2\n"two\nlines",x\r\nlast,y\n\nafter,blank\n');
    expect(rows.map((row) => row.row)).toEqual([2, 4, 5, 6]);
    expect(rows[2]).toEqual({
      row: 5,
      unreadable: { reason: 'has 1 fields, the header 2', text: '' },
    });
  });

  it('should reject broken quoting as a damaged file, naming the file and the line', async () => {
    const message = async (text: string) => {
      const error = await rejection(rowsOf(text));
      expect(InvalidFileError.isInstance(error)).toBe(true);
      return (error as Error).message;
    };
    expect(await message('a,b\n"open,x\n')).toMatch(
      /\.csv: line 2: a quoted field is never closed/,
    );
    expect(await message('a,b"c\n')).toMatch(/line 1: a double quote inside an unquoted field/);
    expect(await message('a\n"b"c,d\n')).toMatch(/line 2: text after the closing quote/);
  });

  it('should reject invalid UTF-8 and drop a byte order mark', async () => {
    const invalid = await rejection(rowsOf(new Uint8Array([0x61, 0x0a, 0xff, 0x0a])));
    expect(InvalidFileError.isInstance(invalid)).toBe(true);
    expect((invalid as Error).message).toMatch(/not valid UTF-8 text/);
    expect(await values('\uFEFFa\nx\n')).toEqual([{ a: 'x' }]);
  });

  it('should read back any table written with quoted fields (property)', async () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.array(
        fc.array(fc.string({ unit: 'grapheme-composite' }), {
          minLength: width,
          maxLength: width,
        }),
        { minLength: 2, maxLength: 8 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), async (records, lineBreak) => {
        const [header, ...rest] = records as [string[], ...string[][]];
        // Duplicate column names keep the last field, as an object of them can.
        const expected = rest.map((record) =>
          Object.fromEntries(header.map((name, index) => [name, record[index]])),
        );
        expect(await values(toCsv(records, lineBreak))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
