import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@s1/errors';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from './read-records';
import { writeJsonl, writeParquet } from './write-records';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sft-data-write-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const longIds = Array.from(
  { length: 40_000 },
  (_, index) => ((index * 2_654_435_761) % 2 ** 31) - 2 ** 30,
);

const rows = [
  {
    text: '<|im_start|>user\nFind $\\frac{1}{2} + \\sqrt{x}$, i.e. \\\\ and \\n kept.<|im_end|>\n',
    question: 'Привет, 世界 — ∑ ∫ 😀 \u0000 \t tab',
    empty: '',
    input_ids: longIds,
    labels: [-100, -100, 42, 151_643],
    attention_mask: [1, 1, 1, 1],
    score: 0.1 + 0.2,
    correct: true,
    tags: ['a', '', 'b\nc'],
  },
  {
    text: '',
    question: 'It\'s "quoted"\r\nline two',
    empty: '',
    input_ids: [],
    labels: [],
    attention_mask: [],
    score: -1e-300,
    correct: false,
    tags: [],
  },
];

describe('writeJsonl', () => {
  it('round-trips every field exactly', async () => {
    const file = join(folder, 'rows.jsonl');
    await writeJsonl(file, rows);
    expect((await readRecords(file)).records).toEqual(rows);
  });

  it('streams rows from an async iterable, one line each', async () => {
    async function* generate() {
      for (let index = 0; index < 3; index++) yield { index };
    }
    const file = join(folder, 'streamed.jsonl');
    await writeJsonl(file, generate());
    expect(await readFile(file, 'utf8')).toBe('{"index":0}\n{"index":1}\n{"index":2}\n');
  });

  it('leaves neither the target nor a temporary file when a row cannot be written', async () => {
    const file = join(folder, 'broken.jsonl');
    await expect(writeJsonl(file, [{ ok: 1 }, { big: 1n }])).rejects.toThrow(/BigInt/);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('writeParquet', () => {
  it('round-trips every field exactly with inferred columns', async () => {
    const file = join(folder, 'rows.parquet');
    await writeParquet(file, rows);
    expect((await readRecords(file)).records).toEqual(rows);
  });

  it('writes the tokenized columns as standard list<int32> that pyarrow reads', async () => {
    const file = join(folder, 'tokenized.parquet');
    await writeParquet(file, rows, {
      columns: [
        { name: 'text', type: 'string' },
        { name: 'input_ids', type: 'list<int32>' },
      ],
      codec: 'UNCOMPRESSED',
    });
    const { schema } = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(
      schema.map(({ name, type, repetition_type, converted_type }) => ({
        name,
        type,
        repetition_type,
        converted_type,
      })),
    ).toEqual([
      { name: 'root', type: undefined, repetition_type: undefined, converted_type: undefined },
      { name: 'text', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8' },
      { name: 'input_ids', type: undefined, repetition_type: 'OPTIONAL', converted_type: 'LIST' },
      { name: 'list', type: undefined, repetition_type: 'REPEATED', converted_type: undefined },
      { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: undefined },
    ]);
    expect(schema[2]?.logical_type).toEqual({ type: 'LIST' });
    expect((await readRecords(file)).records).toEqual(
      rows.map(({ text, input_ids }) => ({ text, input_ids })),
    );
  });

  it('keeps int64 values beyond int32, and nulls', async () => {
    const file = join(folder, 'int64.parquet');
    const wide = [
      { id: 2 ** 40, maybe: null },
      { id: -(2 ** 53) + 1, maybe: 'x' },
    ];
    await writeParquet(file, wide);
    expect((await readRecords(file)).records).toEqual(wide);
  });

  it('streams rows from an async iterable when columns are given', async () => {
    async function* generate() {
      for (let index = 0; index < 2500; index++) yield { index, text: `row ${index}` };
    }
    const file = join(folder, 'streamed.parquet');
    await writeParquet(file, generate(), {
      columns: [
        { name: 'index', type: 'int32' },
        { name: 'text', type: 'string' },
      ],
    });
    const { records } = await readRecords(file);
    expect(records).toHaveLength(2500);
    expect(records[2499]).toEqual({ index: 2499, text: 'row 2499' });
  });

  it('closes row groups by size, so a stream is held one group at a time', async () => {
    async function* generate() {
      for (let index = 0; index < 300; index++) {
        yield { text: `row ${index}`, input_ids: Array.from({ length: 100 }, () => index) };
      }
    }
    const file = join(folder, 'grouped.parquet');
    await writeParquet(file, generate(), {
      columns: [
        { name: 'text', type: 'string' },
        { name: 'input_ids', type: 'list<int32>' },
      ],
      // About 406 bytes a row: 4,000 bytes close a group every 10 rows.
      rowGroup: { bytes: 4_000 },
    });
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual(
      Array.from({ length: 30 }, () => 10),
    );
    const { records } = await readRecords(file);
    expect(records[299]).toEqual({
      text: 'row 299',
      input_ids: Array.from({ length: 100 }, () => 299),
    });
  });

  it('refuses a value that does not fit its column, naming row and column, and writes nothing', async () => {
    const file = join(folder, 'bad.parquet');
    const write = writeParquet(file, [{ ids: [1, 2] }, { ids: [1, 2 ** 31] }], {
      columns: [{ name: 'ids', type: 'list<int32>' }],
    });
    await expect(write).rejects.toThrow(/row 2\.ids: "2147483648" does not fit int32/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses columns it cannot infer', async () => {
    const mixed = writeParquet(join(folder, 'mixed.parquet'), [{ a: 1 }, { a: 'one' }]);
    await expect(mixed).rejects.toThrow(/row 2\.a: mixes int32 and string/);
    const nested = writeParquet(join(folder, 'nested.parquet'), [{ a: { b: 1 } }]);
    await expect(nested).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });

  it('asks for a compressor for ZSTD', async () => {
    const write = writeParquet(join(folder, 'z.parquet'), rows, { codec: 'ZSTD' });
    await expect(write).rejects.toThrow(/compressors\.ZSTD: codec ZSTD needs a ZSTD compressor/);
  });
});
