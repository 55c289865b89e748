import { validate } from '@s1/errors';
import { z } from 'zod';

/** One evaluation run of a method: its average thinking tokens, accuracy and prescribed bounds. */
export interface ScalingRun {
  /** Average thinking tokens per sample in this run. */
  thinkingTokens: number;
  /** Accuracy as a fraction in [0, 1]. */
  accuracy: number;
  /** The least thinking tokens the method was asked for, if any (usually only `max` is set). */
  min?: number | undefined;
  /** The most thinking tokens the method was asked for, if any. */
  max?: number | undefined;
}

const runsSchema = z
  .array(
    z.object({
      thinkingTokens: z.number().positive(),
      accuracy: z.number().min(0).max(1),
      min: z.number().nonnegative().optional(),
      max: z.number().positive().optional(),
    }),
  )
  .min(1, 'at least one run is needed');

/**
 * Control (paper §3.2): the share of runs whose thinking stayed within their bounds,
 * (1/|A|) Σ 𝟙(a_min ≤ a ≤ a_max), as a fraction (1 = perfect control).
 */
export function control(runs: readonly ScalingRun[]): number {
  validate(runsSchema, runs, 'runs');
  const within = runs.filter(
    (run) =>
      (run.min === undefined || run.thinkingTokens >= run.min) &&
      (run.max === undefined || run.thinkingTokens <= run.max),
  );
  return within.length / runs.length;
}

/** The Scaling metric of a method, as {@link scaling} computes it. */
export interface Scaling {
  /**
   * Mean slope over all pairs of runs in percentage points per doubling of thinking tokens
   * (x = log2 tokens): the unit that matches the paper's reported values (15, −24, 25, …).
   */
  perLog2Tokens: number;
  /** The same mean slope in percentage points per thinking token. */
  perToken: number;
  /** Pairs averaged. */
  pairs: number;
  /** Pairs left out because both runs used the same number of tokens (the slope is undefined). */
  skippedPairs: number;
}

/**
 * Scaling (paper §3.2): the average slope of accuracy over thinking tokens across all pairs of
 * runs, (1 / C(|A|, 2)) Σ_{b > a} (f(b) − f(a)) / (b − a). Needs two runs with different
 * thinking tokens; returns NaN slopes otherwise.
 */
export function scaling(runs: readonly ScalingRun[]): Scaling {
  validate(runsSchema, runs, 'runs');
  let perLog2 = 0;
  let perToken = 0;
  let pairs = 0;
  let skippedPairs = 0;
  runs.forEach((first, index) => {
    for (const second of runs.slice(index + 1)) {
      const [a, b] =
        first.thinkingTokens <= second.thinkingTokens ? [first, second] : [second, first];
      if (a.thinkingTokens === b.thinkingTokens) {
        skippedPairs++;
        continue;
      }
      const gain = (b.accuracy - a.accuracy) * 100;
      perLog2 += gain / (Math.log2(b.thinkingTokens) - Math.log2(a.thinkingTokens));
      perToken += gain / (b.thinkingTokens - a.thinkingTokens);
      pairs++;
    }
  });
  return { perLog2Tokens: perLog2 / pairs, perToken: perToken / pairs, pairs, skippedPairs };
}

/** Performance (paper §3.2): the best accuracy any run reached, as a fraction. */
export function performance(runs: readonly ScalingRun[]): number {
  validate(runsSchema, runs, 'runs');
  return Math.max(...runs.map((run) => run.accuracy));
}
