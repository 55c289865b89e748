import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeededRandom, InvalidFileError } from '@s1/errors';
import { parquetMetadata } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from './read-records';
import { writeParquet } from './write-records';

// Fixed so that a failure reproduces; every failure message names it.
const seed = 424_242;
const mutationsPerFile = 150;

let folder: string;
const unhandledRejections: unknown[] = [];
const recordUnhandledRejection = (reason: unknown) => unhandledRejections.push(reason);
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-damaged-'));
  unhandledRejections.length = 0;
  process.on('unhandledRejection', recordUnhandledRejection);
});
afterEach(async () => {
  process.off('unhandledRejection', recordUnhandledRejection);
  await rm(folder, { recursive: true, force: true });
});

/** A file as writeParquet writes it, with every column type it infers. */
async function writtenParquet(): Promise<Uint8Array> {
  const file = join(folder, 'valid.parquet');
  const rows = Array.from({ length: 40 }, (_, index) => ({
    question: `question ${index % 7}`,
    thinking_trajectories: index % 5 === 0 ? [] : [`think ${index}`, 'again'],
    input_ids: [index, 151_643, -100],
    score: index / 7,
    correct: index % 3 === 0,
    big: 2 ** 40 + index,
    note: index % 4 === 0 ? null : 'note',
  }));
  await writeParquet(file, rows);
  return readFile(file);
}

interface Mutation {
  bytes: Uint8Array;
  description: string;
}

/**
 * One seeded mutation: the file cut off, a run of bytes cut out of it, a few bytes changed
 * anywhere, or a byte of column data changed together with a byte of a name in the footer
 * (a column's, or a string of its statistics). A change is a new value or one bit flipped.
 */
function mutate(valid: Uint8Array, random: () => number): Mutation {
  const below = (limit: number) => Math.floor(random() * limit);
  const footerLength = new DataView(valid.buffer, valid.byteOffset).getUint32(
    valid.length - 8,
    true,
  );
  const footerStart = valid.length - 8 - footerLength;
  const bytes = Uint8Array.from(valid);
  const changes: string[] = [];
  const change = (from: number, to: number) => {
    const at = from + below(to - from);
    const old = bytes[at] ?? 0;
    bytes[at] = below(2) === 0 ? below(256) : old ^ (1 << below(8));
    changes.push(`byte ${at} ${old} -> ${bytes[at]}`);
  };
  switch (below(4)) {
    case 0: {
      const length = below(valid.length);
      return { bytes: valid.subarray(0, length), description: `cut off after ${length} bytes` };
    }
    case 1: {
      const start = 4 + below(footerStart - 4);
      const end = start + 1 + below(16);
      const cut = Uint8Array.from([...valid.subarray(0, start), ...valid.subarray(end)]);
      return { bytes: cut, description: `bytes ${start} to ${end} cut out` };
    }
    case 2:
      for (let count = 1 + below(3); count > 0; count--) change(0, bytes.length);
      break;
    default: {
      const names = textRuns(valid.subarray(footerStart, valid.length - 8));
      const [start, end] = names[below(names.length)] ?? [0, footerLength];
      change(4, footerStart);
      change(footerStart + start, footerStart + end);
    }
  }
  return { bytes, description: changes.join(', ') };
}

/** Where `bytes` has runs of two or more printable ASCII characters, as [start, end). */
function textRuns(bytes: Uint8Array): [start: number, end: number][] {
  return [...new TextDecoder('latin1').decode(bytes).matchAll(/[ -~]{2,}/g)].map((match) => [
    match.index,
    match.index + match[0].length,
  ]);
}

type Outcome = 'records' | 'invalid file';

describe('readRecords on damaged Parquet files', () => {
  const sources: [string, () => Promise<Uint8Array>][] = [
    ['a file writeParquet writes', writtenParquet],
    ['the zstd fixture', () => readFile(new URL('./__fixtures__/zstd.parquet', import.meta.url))],
    [
      "pyarrow's version 1 pages",
      () => readFile(new URL('./__fixtures__/pyarrow-v1.parquet', import.meta.url)),
    ],
    [
      "pyarrow's version 2 pages",
      () => readFile(new URL('./__fixtures__/pyarrow-v2.parquet', import.meta.url)),
    ],
  ];

  it.each(sources)(
    `returns records or throws InvalidFileError for ${mutationsPerFile} seeded mutations of %s, leaving no rejection unhandled (seed ${seed})`,
    async (source, readValid) => {
      const valid = await readValid();
      const random = createSeededRandom(seed).uniform;
      const outcomes = new Set<Outcome>();
      for (let index = 0; index < mutationsPerFile; index++) {
        const { bytes, description } = mutate(valid, random);
        // A file each: a read left running must not see the next mutation's bytes.
        const file = join(folder, `damaged-${index}.parquet`);
        await writeFile(file, bytes);
        const what = `mutation ${index} (${description}) of ${source}, seed ${seed}`;
        try {
          await readRecords(file, { onInvalid: 'skip' });
          outcomes.add('records');
        } catch (error) {
          const isInvalidFile = InvalidFileError.isInstance(error) && error.file === file;
          expect(isInvalidFile, `${what} threw ${String(error)}`).toBe(true);
          outcomes.add('invalid file');
        }
        // A column read left running has rejected by now. Stop at the first problem: with the
        // checks gone, a later mutation could send hyparquet into a loop that never ends.
        await new Promise((resolve) => setImmediate(resolve));
        const unhandled = unhandledRejections.map(String);
        expect(unhandled, `${what} left unhandled: ${unhandled.join('; ')}`).toEqual([]);
      }
      // The mutations reach both outcomes, so neither side goes untested.
      expect(outcomes, `seed ${seed}`).toEqual(new Set<Outcome>(['records', 'invalid file']));
    },
  );

  // hyparquet expands a run of the RLE / bit-packed hybrid encoding as long as its header says,
  // into an array that grows past its page: 2^30 repeats abort the process (V8's "invalid size
  // error"), with no error to catch. The levels of these pages are not compressed, so a run
  // header can be written over directly.
  it.each([
    ['a file writeParquet writes (version 2 pages)', writtenParquet, 'thinking_trajectories', 0],
    [
      "pyarrow's version 1 pages",
      () => readFile(new URL('./__fixtures__/pyarrow-v1.parquet', import.meta.url)),
      'thinking_trajectories',
      // After the 4-byte length of the repetition levels.
      4,
    ],
  ])(
    'throws InvalidFileError naming the column and page for a run longer than its page in %s',
    async (_source, readValid, column, levelsAt) => {
      const bytes = Uint8Array.from(await readValid());
      const page = firstDataPage(bytes, column);
      // A varint of 0x7ffffffe: an RLE run of 2^30 - 1 repetition levels.
      bytes.set([0xfe, 0xff, 0xff, 0xff, 0x07], page.dataStart + levelsAt);
      const file = join(folder, 'long-run.parquet');
      await writeFile(file, bytes);
      const error = await readRecords(file).catch((caught: unknown) => caught);
      expect(InvalidFileError.isInstance(error), String(error)).toBe(true);
      expect(String(error)).toContain(file);
      expect(String(error)).toMatch(
        new RegExp(
          `column "${column}\\.list\\.(element|item)" of row group 0: the page at byte ${page.start} has a run of 1073741823 repeated values where \\d+ remain in its repetition levels`,
        ),
      );
    },
  );
});

/** Where the first data page of a column's first chunk starts, and where its data starts. */
function firstDataPage(bytes: Uint8Array, column: string): { start: number; dataStart: number } {
  const metadata = parquetMetadata(bytes.slice().buffer);
  const chunk = metadata.row_groups[0]?.columns.find(
    (candidate) => candidate.meta_data?.path_in_schema[0] === column,
  )?.meta_data;
  if (chunk === undefined) throw new Error(`no column ${column}`);
  const start = Number(chunk.data_page_offset);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset), offset: start };
  parquetHeader(reader);
  return { start, dataStart: reader.offset };
}
