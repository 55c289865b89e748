import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotFoundError, InvalidArgumentError, InvalidFileError } from '@s1/errors';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejection } from '../../../../tooling/rejection';
import { InvalidRecordError } from './invalid-record-error';
import { iterateRecords } from './iterate-records';
import { readRecords } from './read-records';
import { writeJsonl, writeParquet } from './write-records';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-read-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const fixtures = new URL('./__fixtures__/', import.meta.url);
const recordSchema = z.object({
  question: z.string(),
  thinking_trajectories: z.array(z.string()).min(1),
});
const record = (question: string) => ({ question, thinking_trajectories: [`think ${question}`] });

describe('readRecords', () => {
  it('reads a .json file holding an array', async () => {
    const file = join(folder, 'rows.json');
    await writeFile(file, JSON.stringify([record('a'), record('b')]));
    const { records, report } = await readRecords(file, { schema: recordSchema });
    expect(records).toEqual([record('a'), record('b')]);
    expect(report).toEqual({ files: [file], rowsRead: 2, rowsSkipped: 0, skipped: [] });
  });

  it('reads the zstd fixture (pages compressed by the zstd binary) as its expected rows', async () => {
    const file = new URL('zstd.parquet', fixtures).pathname;
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    const codecs = metadata.row_groups.flatMap((group) =>
      group.columns.map((column) => column.meta_data?.codec),
    );
    expect(new Set(codecs)).toEqual(new Set(['ZSTD']));
    const expected = JSON.parse(await readFile(new URL('zstd.expected.json', fixtures), 'utf8'));
    expect((await readRecords(file)).records).toEqual(expected);
  });

  it.each(['pyarrow-v1.parquet', 'pyarrow-v2.parquet'])(
    'reads %s (dictionary pages, levels, RLE booleans, several pages and row groups) as its expected rows',
    async (name) => {
      const file = new URL(name, fixtures).pathname;
      const expected = JSON.parse(
        await readFile(new URL('pyarrow.expected.json', fixtures), 'utf8'),
      );
      const { records, report } = await readRecords(file);
      expect(records).toEqual(expected);
      expect(report.rowsSkipped).toBe(0);
    },
  );

  it('reads the train split of a Hugging Face folder, shards in order', async () => {
    await mkdir(join(folder, 'data'));
    await writeParquet(join(folder, 'data/train-00001-of-00002.parquet'), [record('c')]);
    await writeParquet(join(folder, 'data/train-00000-of-00002.parquet'), [
      record('a'),
      record('b'),
    ]);
    await writeJsonl(join(folder, 'data/test-00000-of-00001.jsonl'), [record('t')]);
    const { records, report } = await readRecords(folder, { schema: recordSchema });
    expect(records.map(({ question }) => question)).toEqual(['a', 'b', 'c']);
    expect(report.files).toEqual([
      join(folder, 'data/train-00000-of-00002.parquet'),
      join(folder, 'data/train-00001-of-00002.parquet'),
    ]);
    const test = await readRecords(folder, { split: 'test' });
    expect(test.records).toEqual([record('t')]);
  });

  it('says where it looked when the split is missing', async () => {
    await mkdir(join(folder, 'data'));
    const error = await rejection(readRecords(folder, { split: 'validation' }));
    expect(FileNotFoundError.isInstance(error)).toBe(true);
    expect((error as FileNotFoundError).lookedFor).toContain(
      join(folder, 'data/validation-*.parquet'),
    );
  });

  it('stops after limit records', async () => {
    const file = join(folder, 'rows.jsonl');
    await writeJsonl(file, ['a', 'b', 'c'].map(record));
    const { records, report } = await readRecords(file, { limit: 2 });
    expect(records).toEqual([record('a'), record('b')]);
    expect(report.rowsRead).toBe(2);
  });
});

describe('readRecords on invalid rows', () => {
  async function jsonlWithBadRows(): Promise<string> {
    const file = join(folder, 'rows.jsonl');
    const lines = [
      JSON.stringify(record('ok 1')),
      JSON.stringify({ thinking_trajectories: ['no question'] }),
      '',
      JSON.stringify({ question: 'q', thinking_trajectories: ['x', 7] }),
      '{"question": "cut off',
      JSON.stringify(record('ok 2')),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('fails on a missing field with file, line and field path', async () => {
    const file = await jsonlWithBadRows();
    const error = await rejection(readRecords(file, { schema: recordSchema }));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 2, path: 'question' });
    expect((error as Error).message).toContain(`${file}, row 2, question:`);
    expect((error as Error).message).toMatch(/Fix the row, or read with onInvalid: 'skip'/);
  });

  it("ends the error with the caller's fix, for a caller that offers no skipping", async () => {
    const file = await jsonlWithBadRows();
    const fix = 'Fix the row: every row is needed.';
    const error = await rejection(readRecords(file, { schema: recordSchema, invalidRowFix: fix }));
    expect(error).toMatchObject({ row: 2, fix });
    expect((error as Error).message).toMatch(/\. Fix the row: every row is needed\.$/);
    expect((error as Error).message).not.toContain('onInvalid');
  });

  it('refuses an option it does not know, naming the one meant, before reading', async () => {
    const read = () => readRecords(join(folder, 'missing.jsonl'), { onInvaild: 'skip' } as never);
    const error = await rejection(read());
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('onInvaild: unknown key; did you mean "onInvalid"?');
  });

  it('fails on a wrong type with the element path and a value excerpt', async () => {
    const file = join(folder, 'rows.jsonl');
    const long = 'x'.repeat(200);
    await writeJsonl(file, [{ question: 'q', thinking_trajectories: [1234, long] }]);
    const error = await rejection(readRecords(file, { schema: recordSchema }));
    expect(error).toMatchObject({ row: 1, path: 'thinking_trajectories[0]' });
    expect((error as Error).message).toContain('(value: 1234)');

    await writeJsonl(file, [{ question: 'q', thinking_trajectories: ['ok', { long }] }]);
    const longError = await rejection(readRecords(file, { schema: recordSchema }));
    const excerpt = /\(value: (.*)\)\./.exec((longError as Error).message)?.[1] ?? '';
    expect(excerpt.length).toBeLessThanOrEqual(80);
    expect(excerpt).toMatch(/^\{"long":"xxx.*…$/);
  });

  it('fails on a line that is not JSON with its line number', async () => {
    const file = join(folder, 'rows.jsonl');
    await writeFile(file, `${JSON.stringify(record('a'))}\n{"question": "cut off\n`);
    const error = await rejection(readRecords(file));
    expect(error).toMatchObject({ file, row: 2, path: '' });
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it('reads past a byte order mark and Windows line ends, in JSONL and JSON', async () => {
    const jsonl = join(folder, 'bom.jsonl');
    await writeFile(
      jsonl,
      `\uFEFF${JSON.stringify(record('a'))}\r\n${JSON.stringify(record('b'))}\r\n`,
    );
    const json = join(folder, 'bom.json');
    await writeFile(json, `\uFEFF${JSON.stringify([record('c')])}`);
    for (const [file, questions] of [
      [jsonl, ['a', 'b']],
      [json, ['c']],
    ] as const) {
      const { records } = await readRecords(file, { schema: recordSchema });
      expect(records.map(({ question }) => question)).toEqual(questions);
    }
  });

  it('treats a line that is not UTF-8 as an invalid row, not as text with U+FFFD', async () => {
    const file = join(folder, 'latin1.jsonl');
    const broken = Buffer.concat([
      Buffer.from('{"question": "caf'),
      Buffer.of(0xe9),
      Buffer.from('", "thinking_trajectories": ["x"]}\n'),
    ]);
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(record('a'))}\n`), broken]));
    const error = await rejection(readRecords(file, { schema: recordSchema }));
    expect(error).toMatchObject({ file, row: 2 });
    expect((error as Error).message).toMatch(/not valid UTF-8/);
    const { records, report } = await readRecords(file, {
      schema: recordSchema,
      onInvalid: 'skip',
    });
    expect(records.map(({ question }) => question)).toEqual(['a']);
    expect(report.skipped).toMatchObject([{ row: 2, message: 'not valid UTF-8 text' }]);

    const json = join(folder, 'latin1.json');
    await writeFile(
      json,
      Buffer.concat([Buffer.from('[{"question": "caf'), Buffer.of(0xe9), Buffer.from('"}]')]),
    );
    const fileError = await rejection(readRecords(json));
    expect(InvalidFileError.isInstance(fileError)).toBe(true);
    expect((fileError as Error).message).toMatch(/not valid UTF-8 text/);
  });

  it('refuses rows that are not objects even without a schema', async () => {
    const file = join(folder, 'rows.json');
    await writeFile(file, JSON.stringify([{ a: 1 }, [1, 2]]));
    await expect(readRecords(file)).rejects.toMatchObject({ row: 2, path: '' });
  });

  it('skips and reports every invalid row in skip mode', async () => {
    const file = await jsonlWithBadRows();
    const { records, report } = await readRecords(file, {
      schema: recordSchema,
      onInvalid: 'skip',
    });
    expect(records.map(({ question }) => question)).toEqual(['ok 1', 'ok 2']);
    expect(report.rowsRead).toBe(5);
    expect(report.rowsSkipped).toBe(3);
    expect(report.skipped).toEqual([
      { file, row: 2, path: 'question', message: expect.any(String), excerpt: 'undefined' },
      { file, row: 4, path: 'thinking_trajectories[1]', message: expect.any(String), excerpt: '7' },
      {
        file,
        row: 5,
        path: '',
        message: expect.stringMatching(/^not valid JSON/),
        excerpt: '"{\\"question\\": \\"cut off"',
      },
    ]);
  });

  it('numbers Parquet rows across row groups and reports while streaming', async () => {
    const file = join(folder, 'groups.parquet');
    const rows = Array.from({ length: 1500 }, (_, index) => record(`q${index}`));
    rows[1199] = { question: 'bad', thinking_trajectories: [] };
    await writeParquet(file, rows);
    const records = iterateRecords(file, { schema: recordSchema, onInvalid: 'skip' });
    let count = 0;
    for await (const _ of records) count++;
    expect(count).toBe(1499);
    expect(records.report.skipped).toEqual([
      {
        file,
        row: 1200,
        path: 'thinking_trajectories',
        message: expect.any(String),
        excerpt: '[]',
      },
    ]);
    await expect(readRecords(file, { schema: recordSchema })).rejects.toMatchObject({ row: 1200 });
  });
});

describe('readRecords on broken files', () => {
  async function validParquet(): Promise<Buffer> {
    const file = join(folder, 'valid.parquet');
    await writeParquet(file, ['a', 'b', 'c'].map(record));
    return readFile(file);
  }

  async function brokenFileError(bytes: Uint8Array): Promise<InvalidFileError> {
    const file = join(folder, 'broken.parquet');
    await writeFile(file, bytes);
    const error = await rejection(readRecords(file));
    expect(InvalidFileError.isInstance(error)).toBe(true);
    expect((error as InvalidFileError).file).toBe(file);
    return error as InvalidFileError;
  }

  it('names a Parquet file cut in half as truncated', async () => {
    const bytes = await validParquet();
    const error = await brokenFileError(bytes.subarray(0, bytes.length >> 1));
    expect(error.message).toMatch(/ends with .* instead of "PAR1" \(truncated/);
  });

  it('names a file too short to be Parquet', async () => {
    const error = await brokenFileError(Buffer.from('PAR1'));
    expect(error.message).toMatch(/4 bytes, shorter than the 12 of an empty file/);
  });

  it('names a file without the PAR1 magic at its start', async () => {
    const bytes = Buffer.from(await validParquet());
    bytes.write('JSON', 0);
    const error = await brokenFileError(bytes);
    expect(error.message).toMatch(/starts with "JSON" instead of "PAR1"/);
  });

  it('names a footer length beyond the file', async () => {
    const bytes = Buffer.from(await validParquet());
    bytes.writeUInt32LE(bytes.length, bytes.length - 8);
    const error = await brokenFileError(bytes);
    expect(error.message).toMatch(/footer of \d+ bytes does not fit in a file of \d+ bytes/);
  });

  it('names corrupt metadata', async () => {
    const bytes = Buffer.from(await validParquet());
    const footerLength = bytes.readUInt32LE(bytes.length - 8);
    bytes.fill(0xff, bytes.length - 8 - footerLength, bytes.length - 8);
    const error = await brokenFileError(bytes);
    expect(error.message).toMatch(/cannot decode its footer/);
  });

  it('names a .json file that is not an array', async () => {
    const file = join(folder, 'object.json');
    await writeFile(file, '{"rows": []}');
    await expect(readRecords(file)).rejects.toThrow(/expected a JSON array of rows/);
  });

  it('refuses an unknown extension and a missing path', async () => {
    const file = join(folder, 'rows.tsv');
    await copyFile(new URL('zstd.expected.json', fixtures), file);
    await expect(readRecords(file)).rejects.toThrow(/unknown dataset format/);
    const missing = await rejection(readRecords(join(folder, 'missing.jsonl')));
    expect(FileNotFoundError.isInstance(missing)).toBe(true);
  });
});
