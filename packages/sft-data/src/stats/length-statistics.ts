import type { ExampleLengths } from './example-lengths';

/**
 * A distribution of token counts; percentiles interpolate linearly, as NumPy's default. All 0 for
 * no samples.
 */
export interface Distribution {
  /** The smallest count. */
  min: number;
  /** The 25th percentile. */
  p25: number;
  /** The 50th percentile. */
  median: number;
  /** The 75th percentile. */
  p75: number;
  /** The 90th percentile. */
  p90: number;
  /** The largest count. */
  max: number;
  /** The mean. */
  mean: number;
}

/** What a block size cuts off (the s1 paper, arXiv 2501.19393, Table 8). */
export interface BlockSizeCutoff {
  /** The block size, in tokens. */
  blockSize: number;
  /** Samples longer than the block. */
  cutOff: number;
  /** `cutOff` as a share of all samples, 0–1. */
  share: number;
  /** Trained answer tokens (end delimiter to end of turn) beyond the block, over all samples. */
  answerTokensLost: number;
  /** Samples whose end-of-thinking delimiter is cut: the model never sees thinking end. */
  thinkingEndLost: number;
}

/** Token-length distributions of a dataset, part by part, and what each block size cuts off. */
export interface LengthStatistics {
  /** Samples measured. */
  samples: number;
  /** Prompt tokens per sample. */
  prompt: Distribution;
  /** Thinking tokens per sample. */
  thinking: Distribution;
  /** Answer tokens per sample. */
  answer: Distribution;
  /** All tokens per sample. */
  total: Distribution;
  /** One entry per block size asked for. */
  cutoffs: BlockSizeCutoff[];
}

/** The block sizes statistics report by default: 4,096, 8,192, 16,384 and 32,768 tokens. */
export const defaultBlockSizes = [4_096, 8_192, 16_384, 32_768] as const;

/** Linear interpolation between closest ranks, as NumPy's default percentile. */
function percentile(sorted: readonly number[], fraction: number): number {
  const rank = (sorted.length - 1) * fraction;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { min: 0, p25: 0, median: 0, p75: 0, p90: 0, max: 0, mean: 0 };
  return {
    min: sorted[0] as number,
    p25: percentile(sorted, 0.25),
    median: percentile(sorted, 0.5),
    p75: percentile(sorted, 0.75),
    p90: percentile(sorted, 0.9),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/**
 * Length distributions and what each block size cuts off, for a dataset measured with
 * `exampleLengths`.
 *
 * @example
 * const stats = lengthStatistics(records.map((r) => exampleLengths(r, tokenizer)));
 * console.log(formatStatisticsTable(stats));
 */
export function lengthStatistics(
  lengths: readonly ExampleLengths[],
  blockSizes: readonly number[] = defaultBlockSizes,
): LengthStatistics {
  return {
    samples: lengths.length,
    prompt: distribution(lengths.map((length) => length.promptTokens)),
    thinking: distribution(lengths.map((length) => length.thinkingTokens)),
    answer: distribution(lengths.map((length) => length.answerTokens)),
    total: distribution(lengths.map((length) => length.totalTokens)),
    cutoffs: blockSizes.map((blockSize) => {
      const cut = lengths.filter((length) => length.totalTokens > blockSize);
      const answerStart = (length: ExampleLengths) => length.promptTokens + length.thinkingTokens;
      return {
        blockSize,
        cutOff: cut.length,
        share: lengths.length === 0 ? 0 : cut.length / lengths.length,
        answerTokensLost: cut.reduce(
          (sum, length) => sum + length.totalTokens - Math.max(blockSize, answerStart(length)),
          0,
        ),
        thinkingEndLost: cut.filter((length) => answerStart(length) >= blockSize).length,
      };
    }),
  };
}

/** The statistics as a plain-text table. */
export function formatStatisticsTable(stats: LengthStatistics): string {
  const round = (value: number) => String(Math.round(value));
  const rows = (['prompt', 'thinking', 'answer', 'total'] as const).map((part) => {
    const { min, p25, median, p75, p90, max, mean } = stats[part];
    return [part, ...[min, p25, median, p75, p90, max, mean].map(round)];
  });
  const cutoffRows = stats.cutoffs.map((cutoff) => [
    String(cutoff.blockSize),
    `${cutoff.cutOff} (${(cutoff.share * 100).toFixed(1)}%)`,
    String(cutoff.answerTokensLost),
    String(cutoff.thinkingEndLost),
  ]);
  return [
    `token lengths over ${stats.samples} samples`,
    table(['part', 'min', 'p25', 'median', 'p75', 'p90', 'max', 'mean'], rows),
    '',
    table(['block size', 'cut off', 'answer tokens lost', 'thinking end lost'], cutoffRows),
  ].join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padStart(widths[column] as number)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
