import { appendFile, copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer, qwen25TokenizerFolder } from '../../test-utils/qwen25';
import { formatS1 } from '../format/format-s1';
import { InvalidRecordError } from '../io/invalid-record-error';
import { readRecords } from '../io/read-records';
import { tokenizeForSft } from '../tokenize/tokenize-for-sft';
import { formatDataset } from './format-dataset';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));

describe('formatDataset', () => {
  it('should write the s1K fixture as a tokenized Parquet set with statistics, row for row', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const out = join(folder, 's1k_tokenized.parquet');
    const statisticsPath = join(folder, 'stats.json');
    const result = await formatDataset({
      input: fixture('s1k.jsonl'),
      out,
      statisticsPath,
      tokenizer: qwen25TokenizerFolder,
      blockSizes: [512, 32_768],
    });
    expect(result).toMatchObject({ schema: 's1k', examples: 12, untrained: [] });
    expect(result.report).toMatchObject({ rowsRead: 12, rowsSkipped: 0 });
    const tokenizer = await qwen25Tokenizer();
    const { records: source } = await readRecords(fixture('s1k.jsonl'));
    const { records: written } = await readRecords(out);
    expect(written).toHaveLength(12);
    for (const [index, row] of written.entries()) {
      const text = formatS1(source[index]);
      const expected = tokenizeForSft(text, tokenizer);
      expect(row).toEqual({
        text,
        input_ids: expected.inputIds,
        labels: expected.labels,
        attention_mask: expected.attentionMask,
      });
    }
    const cut = result.statistics.cutoffs;
    expect(cut[1]).toMatchObject({ blockSize: 32_768, cutOff: 0 });
    expect(cut[0]?.cutOff).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(statisticsPath, 'utf8')).statistics).toEqual(
      result.statistics,
    );
  }, 60_000);

  it('should refuse an output whose extension names no format, before reading anything', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const run = formatDataset({
      input: join(folder, 'not-read.jsonl'),
      out: join(folder, 'tokenized.csv'),
      tokenizer: qwen25TokenizerFolder,
    });
    await expect(run).rejects.toThrow(InvalidArgumentError);
    await expect(run).rejects.toThrow(/tokenized\.csv" must end in \.parquet or \.jsonl/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('should refuse an option it does not know, naming the one meant, before reading anything', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const run = formatDataset({
      input: join(folder, 'not-read.jsonl'),
      out: join(folder, 'tokenized.parquet'),
      tokenizer: qwen25TokenizerFolder,
      statisticPath: join(folder, 'statistics.json'),
    } as never);
    await expect(run).rejects.toThrow(InvalidArgumentError);
    await expect(run).rejects.toThrow(
      /statisticPath: unknown key; did you mean "statisticsPath"\?/,
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('should refuse to write over its input, through any path, or into an input folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const input = join(folder, 'records.jsonl');
    await copyFile(fixture('s1k.jsonl'), input);
    const before = await readFile(input);
    const attempts = [
      [{ out: input }, /out: .*is the input/],
      [{ out: join(folder, '.', '..', basename(folder), 'records.jsonl') }, /is the input/],
      [
        { out: join(folder, 'tokenized.jsonl'), statisticsPath: input },
        /statisticsPath: .*is the input/,
      ],
    ] as const;
    for (const [outputs, message] of attempts) {
      const run = formatDataset({ input, tokenizer: qwen25TokenizerFolder, ...outputs });
      await expect(run).rejects.toThrow(InvalidArgumentError);
      await expect(run).rejects.toThrow(message);
    }
    const inFolder = formatDataset({
      input: folder,
      out: join(folder, 'tokenized.parquet'),
      tokenizer: qwen25TokenizerFolder,
    });
    await expect(inFolder).rejects.toThrow(/inside the input folder/);
    expect(await readFile(input)).toEqual(before);
    expect(await readdir(folder)).toEqual(['records.jsonl']);
  });

  it('should count and report invalid rows in skip mode, and name the row otherwise', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const input = join(folder, 'with-a-bad-row.jsonl');
    await copyFile(fixture('s1k-1.1.jsonl'), input);
    await appendFile(
      input,
      `${JSON.stringify({ question: 'q', deepseek_thinking_trajectory: 3 })}\n`,
    );
    const options = { input, out: join(folder, 'out.jsonl'), tokenizer: qwen25TokenizerFolder };
    const skipped = await formatDataset({ ...options, onInvalid: 'skip' });
    expect(skipped).toMatchObject({ schema: 's1k-1.1', examples: 12 });
    expect(skipped.report.rowsSkipped).toBe(1);
    expect(skipped.report.skipped[0]?.row).toBe(13);
    await expect(formatDataset(options)).rejects.toThrow(InvalidRecordError);
    await expect(formatDataset({ ...options, schema: 's1k-1.1' })).rejects.toThrow(
      InvalidRecordError,
    );
  }, 60_000);

  it('should leave the old dataset and statistics untouched when a run fails midway', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-format-'));
    const input = join(folder, 'records.jsonl');
    await copyFile(fixture('s1k-1.1.jsonl'), input);
    const options = {
      input,
      out: join(folder, 'out.jsonl'),
      statisticsPath: join(folder, 'stats.json'),
      tokenizer: qwen25TokenizerFolder,
    };
    await formatDataset(options);
    const before = [await readFile(options.out), await readFile(options.statisticsPath)];
    await appendFile(
      input,
      `${JSON.stringify({ question: 'q', deepseek_thinking_trajectory: 3 })}\n`,
    );
    await expect(formatDataset(options)).rejects.toThrow(InvalidRecordError);
    expect([await readFile(options.out), await readFile(options.statisticsPath)]).toEqual(before);
    expect((await readdir(folder)).sort()).toEqual(['out.jsonl', 'records.jsonl', 'stats.json']);
  }, 60_000);
});
