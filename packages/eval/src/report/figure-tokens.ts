import type { ConfigSummary } from './summarize-results';

/**
 * A configuration's x-value in the report, the plot and the metrics: its average thinking tokens
 * as `compute_sample_stats.py` counts them when a tokenizer gave that count, else as the
 * controller counted them.
 */
export function figureTokens(
  config: Pick<ConfigSummary, 'thinkingTokens' | 'referenceThinkingTokens'>,
): number {
  return config.referenceThinkingTokens ?? config.thinkingTokens;
}
