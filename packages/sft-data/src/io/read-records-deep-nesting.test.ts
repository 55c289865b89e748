import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../../../../tooling/rejection';
import { InvalidRecordError } from './invalid-record-error';
import { readRecords } from './read-records';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-deep-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

// Deep enough to overflow the stack of any code that recurses through it.
const levels = 10_000;
const deepArrays = `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const ok = (question: string) => JSON.stringify({ question, answer: 'a' });

/** Rows 1 and 4 are fine; row 2 is an array 10,000 levels deep, row 3 has such a field. */
const rowTexts = [
  ok('first'),
  deepArrays,
  `{"question":"q","meta":${deepObjects(levels)}}`,
  ok('last'),
];

const writers: [format: string, write: (folder: string) => Promise<string>][] = [
  [
    'JSONL',
    async (folder) => {
      const file = join(folder, 'rows.jsonl');
      await writeFile(file, `${rowTexts.join('\n')}\n`);
      return file;
    },
  ],
  [
    'JSON',
    async (folder) => {
      const file = join(folder, 'rows.json');
      await writeFile(file, `[${rowTexts.join(',')}]`);
      return file;
    },
  ],
];

describe.each(writers)('readRecords on %s nested 10,000 levels deep', (_, writeRows) => {
  const write = () => writeRows(folder);

  it('fails with an InvalidRecordError naming the file and row', async () => {
    const file = await write();
    const error = await rejection(readRecords(file));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 2, path: '' });
    expect((error as Error).message).toContain(`${file}, row 2, (whole row): nested more than 512`);
  });

  it('skips those rows and lists them with a short excerpt in skip mode', async () => {
    const file = await write();
    const { records, report } = await readRecords(file, { onInvalid: 'skip' });
    expect(records.map(({ question }) => question)).toEqual(['first', 'last']);
    const message = expect.stringMatching(/^nested more than 512 levels deep/);
    expect(report).toEqual({
      files: [file],
      rowsRead: 4,
      rowsSkipped: 2,
      skipped: [
        { file, row: 2, path: '', message, excerpt: `${deepArrays.slice(0, 79)}…` },
        { file, row: 3, path: 'meta', message, excerpt: `${deepObjects(levels).slice(0, 79)}…` },
      ],
    });
  });
});

describe('readRecords nesting limit', () => {
  it('reads a row 512 levels deep and refuses one 513 levels deep', async () => {
    const file = join(folder, 'rows.jsonl');
    // The row is one level, its field the other 511 or 512.
    await writeFile(file, `{"meta":${deepObjects(511)}}\n{"meta":${deepObjects(512)}}\n`);
    const { records, report } = await readRecords(file, { onInvalid: 'skip' });
    expect(records).toHaveLength(1);
    expect(report.skipped).toMatchObject([{ row: 2, path: 'meta' }]);
  });
});
