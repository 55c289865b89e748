import { InvalidArgumentError } from '@s1/errors';
import { type FormatDatasetResult, formatDataset, formatStatisticsTable } from '@s1/sft-data';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { bundledTokenizerFolder } from '../bundled-tokenizer';
import type { CliIO } from '../cli-io';
import { parseFlags, UsageError, wholeNumber, wholeNumbers } from '../flags';

const optionsSchema = z.strictObject({
  out: z.string().refine((out) => /\.(parquet|jsonl)$/.test(out), {
    error: (issue) =>
      `--out must end in .parquet or .jsonl (the extension chooses the format), not "${String(issue.input)}"`,
  }),
  tokenizer: z.string().optional(),
  schema: z.enum(['auto', 's1k', 's1k-1.1', 'sft']).default('auto'),
  traces: z.enum(['deepseek', 'gemini']).default('deepseek'),
  format: z.enum(['s1', 'think-tags']).default('s1'),
  system: z.string().optional(),
  blockSize: wholeNumber('--block-size', { min: 1 }).default(32_768),
  blockSizes: wholeNumbers('--block-sizes', { min: 1 }).default([4_096, 8_192, 16_384, 32_768]),
  workers: wholeNumber('--workers', { min: 1 }).optional(),
  onInvalid: z.enum(['fail', 'skip']).default('fail'),
  limit: wholeNumber('--limit', { min: 1 }).optional(),
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
  const options = parseFlags(optionsSchema, rawOptions);
  const showsProgress = (io.stderr as { isTTY?: boolean }).isTTY === true;
  // Records stream through, so their number is known only at the end: a counter, not a bar.
  const bar = new SingleBar({ format: 'tokenizing: {value} records, {duration}s' });
  const result = await formatDatasetInFlagTerms({
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
      ? (done) => {
          if (!bar.isActive) bar.start(0, 0);
          bar.update(done);
        }
      : undefined,
  });
  if (bar.isActive) bar.stop();
  io.stdout.write(`${summary(result, options.out, options.stats)}\n`);
}

// formatDataset's option names as the flags that set them.
const flagOfOption: Record<string, string> = { out: '--out', statisticsPath: '--stats' };

async function formatDatasetInFlagTerms(
  options: Parameters<typeof formatDataset>[0],
): Promise<FormatDatasetResult> {
  try {
    return await formatDataset(options);
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error;
    throw new UsageError(
      error.issues
        .map(({ path, message }) => `${flagOfOption[path] ?? path} ${message}`)
        .join('\n'),
    );
  }
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
