import {
  control,
  performance,
  type Scaling,
  type ScalingRun,
  scaling,
  votingCurve,
} from '@s1/budget-forcing';
import type { Tokenizer } from '@s1/chat-template';
import type { SampleRecord } from '../runner/sample-record';
import { figureTokens } from './figure-tokens';
import { referenceThinkingTokens } from './reference-thinking-tokens';
import { compareSweepOrder } from './sweep-order';

/** The results of one configuration. */
export interface ConfigSummary {
  /** The configuration's name. */
  config: string;
  /** Problems with at least one sample. */
  problems: number;
  /** Samples, over all problems. */
  samples: number;
  /** Share of problems whose first sample is correct. */
  accuracy: number;
  /** Average thinking tokens as the controller counted them. */
  thinkingTokens: number;
  /** Average thinking tokens as `compute_sample_stats.py` counts them; with a tokenizer only. */
  referenceThinkingTokens?: number | undefined;
  /** The configuration's `max`, from its records. */
  max?: number | undefined;
  /** Its `min`, from its records. */
  min?: number | undefined;
  /** maj@k and cov@k averaged over problems, k = 2, 4, … up to the samples per problem. */
  voting: {
    /** Samples voted on: the first k of each problem. */
    k: number;
    /** maj@k: the share of problems whose majority answer is correct. */
    majority: number;
    /** cov@k: the share of problems with a correct answer among the k. */
    coverage: number;
  }[];
}

/** Every configuration's results, and the paper's metrics across them. */
export interface EvalSummary {
  /** In sweep order: by `max` (no cap last), then by `ignore=K`, then by name. */
  configs: ConfigSummary[];
  /**
   * Configurations left out of Control, Scaling, Performance and the plot, and why: those whose
   * average thinking tokens is 0, which has no place on the log2 axis (a slope over log2 tokens).
   */
  leftOut: {
    /** The configuration's name. */
    config: string;
    /** Why it was left out. */
    reason: string;
  }[];
  /** Paper §3.2 over the configurations not left out, x = average thinking tokens. */
  control: number;
  /** Slopes in accuracy points per doubling of thinking tokens (the paper's unit) and per token. */
  scaling: Scaling;
  /** Paper §3.2: the best accuracy of the configurations not left out, as a fraction. */
  performance: number;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Accuracy, thinking tokens and voting per configuration, and Control / Scaling / Performance
 * across them, from the records of a results file.
 *
 * @example
 * const summary = summarizeResults(records, { tokenizer });
 */
export function summarizeResults(
  records: readonly SampleRecord[],
  options: { tokenizer?: Tokenizer | undefined } = {},
): EvalSummary {
  const byConfig = groupBy(records, (record) => record.config);
  const configs = [...byConfig].map(([config, configRecords]): ConfigSummary => {
    const byProblem = [...groupBy(configRecords, (record) => record.problemId).values()].map(
      (samples) => [...samples].sort((a, b) => a.sample - b.sample),
    );
    const curves = byProblem.map((samples) =>
      votingCurve(
        samples.map((sample) => ({ answer: sample.answer ?? undefined, correct: sample.correct })),
      ),
    );
    const ks = curves[0]?.map((point) => point.k) ?? [];
    const { tokenizer } = options;
    return {
      config,
      problems: byProblem.length,
      samples: configRecords.length,
      accuracy: mean(byProblem.map((samples) => (samples[0]?.correct ? 1 : 0))),
      thinkingTokens: mean(configRecords.map((record) => record.thinkingTokens)),
      ...(tokenizer === undefined
        ? {}
        : {
            referenceThinkingTokens: mean(
              configRecords.map((record) => referenceThinkingTokens(record.text, tokenizer)),
            ),
          }),
      max: configRecords[0]?.max,
      min: configRecords[0]?.min,
      voting: ks.map((k, index) => ({
        k,
        majority: mean(curves.map((curve) => curve[index]?.majority ?? 0)),
        coverage: mean(curves.map((curve) => curve[index]?.coverage ?? 0)),
      })),
    };
  });
  configs.sort(compareSweepOrder);
  const leftOut = configs
    .filter((summary) => figureTokens(summary) === 0)
    .map((summary) => ({ config: summary.config, reason: zeroTokensReason(summary) }));
  const runs: ScalingRun[] = configs
    .filter((summary) => figureTokens(summary) > 0)
    .map((summary) => ({
      thinkingTokens: figureTokens(summary),
      accuracy: summary.accuracy,
      max: summary.max,
      min: summary.min,
    }));
  if (runs.length === 0) {
    const none = { perLog2Tokens: Number.NaN, perToken: Number.NaN, pairs: 0, skippedPairs: 0 };
    return { configs, leftOut, control: Number.NaN, scaling: none, performance: Number.NaN };
  }
  return {
    configs,
    leftOut,
    control: control(runs),
    scaling: scaling(runs),
    performance: performance(runs),
  };
}

function zeroTokensReason(summary: ConfigSummary): string {
  const counted =
    summary.referenceThinkingTokens === undefined
      ? 'the controller counted no thinking token'
      : `compute_sample_stats.py counts 0 (it drops the first and the last line of the thinking, so thinking that starts on the line of <|im_start|>think counts nothing before its third line; the controller counted ${summary.thinkingTokens.toFixed(1)})`;
  return `average thinking tokens 0: ${counted}; log2 of 0 is undefined`;
}

// Map.groupBy arrives in Node 21; the SDK supports Node 20.
function groupBy<Item, Key>(items: readonly Item[], keyOf: (item: Item) => Key): Map<Key, Item[]> {
  const groups = new Map<Key, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
