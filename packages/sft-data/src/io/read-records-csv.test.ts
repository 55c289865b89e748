import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidFileError } from '@s1/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejection } from '../../../../tooling/rejection';
import { InvalidRecordError } from './invalid-record-error';
import { readRecords } from './read-records';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-csv-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function csv(text: string, name = 'rows.csv'): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, text);
  return file;
}

const header = 'question,answer\r\n';

describe('readRecords on CSV', () => {
  it('reads each record after the header as an object of string fields', async () => {
    const file = await csv(`\uFEFF${header}"Sum, then ""halve""?",4\r\n"two\nlines",7\r\n`);
    const { records, report } = await readRecords(file);
    expect(records).toEqual([
      { question: 'Sum, then "halve"?', answer: '4' },
      { question: 'two\nlines', answer: '7' },
    ]);
    expect(report).toEqual({ files: [file], rowsRead: 2, rowsSkipped: 0, skipped: [] });
  });

  it('reads no record from an empty file or a header alone', async () => {
    expect((await readRecords(await csv('', 'empty.csv'))).records).toEqual([]);
    expect((await readRecords(await csv(header, 'header.csv'))).records).toEqual([]);
  });

  it('names the line a record starts on and the column that fails the schema', async () => {
    const file = await csv(`${header}"a\nb",1\nc,\n`);
    const schema = z.looseObject({ question: z.string(), answer: z.string().min(1) });
    const error = await rejection(readRecords(file, { schema }));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 4, path: 'answer', excerpt: '""' });
  });

  it('fails on a record with another field count than the header, or skips and lists it', async () => {
    const file = await csv(`${header}a,1\nb,2,extra\nc,3\n`);
    expect(await rejection(readRecords(file))).toMatchObject({
      row: 3,
      path: '',
      reason: 'has 3 fields, the header 2',
      excerpt: '"b,2,extra"',
    });
    const { records, report } = await readRecords(file, { onInvalid: 'skip' });
    expect(records.map((record) => record.question)).toEqual(['a', 'c']);
    expect(report.skipped).toEqual([
      { file, row: 3, path: '', message: 'has 3 fields, the header 2', excerpt: '"b,2,extra"' },
    ]);
  });

  it('fails on broken quoting as a damaged file, even in skip mode', async () => {
    const file = await csv(`${header}a,1\n"open,2\n`);
    const error = await rejection(readRecords(file, { onInvalid: 'skip' }));
    expect(InvalidFileError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file });
    expect((error as Error).message).toMatch(/line 3: a quoted field is never closed/);
  });

  it('reads a CSV shard of a Hugging Face folder', async () => {
    await csv(`${header}a,1\n`, 'train.csv');
    expect((await readRecords(folder)).records).toEqual([{ question: 'a', answer: '1' }]);
  });
});
