import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidBenchmarkRowError } from './invalid-benchmark-row-error';
import { parseCsv } from './parse-csv';

const fields = (text: string) => parseCsv(text, 'test.csv').map((record) => record.fields);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function toCsv(records: string[][], lineBreak: string): string {
  const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;
  return records.map((record) => record.map(quote).join(',')).join(lineBreak) + lineBreak;
}

describe('parseCsv', () => {
  it('should read quoted fields holding commas, line breaks and doubled quotes', () => {
    expect(fields('a,b,c\r\n"x, y","line 1\nline 2","say ""hi"""\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'line 1\nline 2', 'say "hi"'],
    ]);
  });

  it('should accept LF or CRLF, a missing final line break, empty fields and a BOM', () => {
    expect(fields('\uFEFFa,b\n,\r\n"",x')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['', 'x'],
    ]);
  });

  it('should keep a lone CR inside an unquoted field', () => {
    expect(fields('a\rb,c')).toEqual([['a\rb', 'c']]);
  });

  it('should number each record by the line it starts on', () => {
    const records = parseCsv('h1,h2\n"two\nlines",x\r\nlast,y\n', 'test.csv');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('should reject an unclosed quote, naming the file and its line', () => {
    const error = thrown(() => parseCsv('a,b\n"open,x\n', 'test.csv'));
    expect(InvalidBenchmarkRowError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: 'test.csv', row: 2, field: '' });
  });

  it('should reject a quote inside an unquoted field and text after a closing quote', () => {
    expect(thrown(() => parseCsv('a,b"c\n', 'test.csv'))).toMatchObject({ row: 1 });
    expect(thrown(() => parseCsv('a\n"b"c,d\n', 'test.csv'))).toMatchObject({ row: 2 });
    expect(thrown(() => parseCsv('"b"\rc\n', 'test.csv'))).toMatchObject({ row: 1 });
  });

  it('should read back any table written with quoted fields (property)', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.array(
        fc.array(fc.string({ unit: 'grapheme-composite' }), { minLength: width, maxLength: width }),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
    );
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (records, lineBreak) => {
        expect(fields(toCsv(records, lineBreak))).toEqual(records);
      }),
    );
  });
});
