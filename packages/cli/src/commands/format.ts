import { validate } from '@s1/chat-template';
import { type FormatDatasetResult, formatDataset, formatStatisticsTable } from '@s1/sft-data';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';

const whole = (name: string) =>
  z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);

const optionsSchema = z.strictObject({
  out: z.string().min(1, '--out is required'),
  tokenizer: z.string().optional(),
  schema: z.enum(['auto', 's1k', 's1k-1.1', 'sft']).default('auto'),
  traces: z.enum(['deepseek', 'gemini']).default('deepseek'),
  format: z.enum(['s1', 'think-tags']).default('s1'),
  system: z.string().optional(),
  blockSize: whole('--block-size').default(32_768),
  blockSizes: z
    .string()
    .regex(/^\d+(,\d+)*$/, '--block-sizes must be whole numbers separated by commas')
    .transform((list) => list.split(',').map(Number))
    .default([4_096, 8_192, 16_384, 32_768]),
  workers: whole('--workers').optional(),
  onInvalid: z.enum(['fail', 'skip']).default('fail'),
  limit: whole('--limit').optional(),
  stats: z.string().optional(),
});

/**
 * `s1 format INPUT --out FILE`: s1K, s1K-1.1 or generic records to a tokenized training set with
 * loss masks (Parquet or JSONL), and a length report.
 */
export async function format(
  input: string,
  rawOptions: Record<string, unknown>,
  io: CliIO,
): Promise<void> {
  const options = validate(optionsSchema, rawOptions, 's1 format options');
  const showsProgress = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const bar = new SingleBar({ format: 'tokenizing [{bar}] {value}/{total} records {eta}s left' });
  const result = await formatDataset({
    input,
    out: options.out,
    statisticsPath: options.stats,
    tokenizer: options.tokenizer ?? bundledTokenizerFolder(),
    schema: options.schema,
    traces: options.traces,
    format: options.format,
    system: options.system,
    blockSize: options.blockSize,
    blockSizes: options.blockSizes,
    workers: options.workers,
    onInvalid: options.onInvalid,
    limit: options.limit,
    onProgress: showsProgress
      ? (done, total) => {
          if (!bar.isActive) bar.start(total, 0);
          bar.update(done);
        }
      : undefined,
  });
  if (bar.isActive) bar.stop();
  io.stdout.write(`${summary(result, options.out, options.stats)}\n`);
}

function summary(result: FormatDatasetResult, out: string, stats: string | undefined): string {
  const { report, examples, truncatedExamples, truncatedTokens, untrained } = result;
  const lines = [
    `wrote ${examples} examples (${result.schema} records) to ${out}`,
    `  ${truncatedExamples} cut at the block size (${truncatedTokens} tokens cut)`,
    `  ${report.rowsSkipped} invalid rows skipped${report.skipped
      .slice(0, 5)
      .map((row) => `\n    ${row.file}:${row.row} ${row.path}: ${row.message}`)
      .join('')}`,
    `  ${untrained.length} examples train on no token${untrained
      .slice(0, 5)
      .map(({ row, warning }) => `\n    example ${row}: ${warning}`)
      .join('')}`,
    ...(stats === undefined ? [] : [`  statistics: ${stats}`]),
    '',
    formatStatisticsTable(result.statistics),
  ];
  return lines.join('\n');
}
