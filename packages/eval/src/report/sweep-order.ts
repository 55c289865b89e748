import type { ConfigSummary } from './summarize-results';

const ignoredEnds = (config: string) => Number(/(?:^|,)ignore=(\d+)(?:,|$)/.exec(config)?.[1] ?? 0);

/**
 * Orders configurations as a budget sweep grows its compute: by thinking budget (`max`, no cap
 * last), then by ends of thinking ignored (`ignore=K` in a `budgetSweep` name, none counting as
 * 0), then by name in code-unit order, so that any results file gives one order.
 *
 * @example
 * configs.sort(compareSweepOrder); // max=512, max=2048,ignore=0, max=2048,ignore=2, max=none
 */
export function compareSweepOrder(
  a: Pick<ConfigSummary, 'config' | 'max'>,
  b: Pick<ConfigSummary, 'config' | 'max'>,
): number {
  return (
    (a.max ?? Number.POSITIVE_INFINITY) - (b.max ?? Number.POSITIVE_INFINITY) ||
    ignoredEnds(a.config) - ignoredEnds(b.config) ||
    (a.config < b.config ? -1 : a.config > b.config ? 1 : 0)
  );
}
