import { createHash } from 'node:crypto';
import { UsageError } from '../flags';

/** What a demo run makes, trains and measures; `--quick` and the flags choose among them. */
export interface DemoSettings {
  seed: number;
  /** Problems in the pool selection chooses from. */
  pool: number;
  /** Examples selection keeps to train on (s1: 1,000). */
  select: number;
  /** Held-out problems the sweep grades. */
  test: number;
  /** Digits per list: the difficulties. */
  lengths: number[];
  /** Share of pool traces with a slipped step, for the quality check to find. */
  slips: number;
  layers: number;
  hidden: number;
  /** Optimizer steps, at a batch of 16. */
  steps: number;
  learningRate: number;
  /** Thinking budgets (`max`) of the budget-forcing curve. */
  budgets: number[];
  /** Ends suppressed, each followed by "Wait", for the extrapolation runs without a cap. */
  ignore: number[];
}

const shared = { seed: 0, lengths: [2, 3, 4, 5, 6], slips: 0.05, learningRate: 3e-3 };

/**
 * The full demo and `--quick` (the test's): on 2 cores, about a minute and under a minute the
 * first time (docs/demo.md has the numbers).
 */
export const demoPresets = {
  full: {
    ...shared,
    pool: 3000,
    select: 1000,
    test: 200,
    layers: 2,
    hidden: 128,
    steps: 1000,
    budgets: [2, 4, 6, 8, 12, 16, 24],
    ignore: [1, 2],
  },
  quick: {
    ...shared,
    pool: 1500,
    select: 600,
    test: 100,
    layers: 2,
    hidden: 128,
    steps: 600,
    budgets: [2, 6, 12, 24],
    ignore: [1],
  },
} as const satisfies Record<string, DemoSettings>;

// Bumped when the task, selection, tokenizer or model recipe changes what a setting trains.
const recipeVersion = 1;

/**
 * The cache key of the trained model: every setting that changes it (the held-out size too, as
 * the pool leaves its questions out), not the budgets or the ignore counts, which only change
 * what is measured.
 */
export function modelCacheKey(settings: DemoSettings): string {
  const { budgets: _budgets, ignore: _ignore, ...trained } = settings;
  const text = JSON.stringify({ recipeVersion, ...trained });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** What the command line may set of the settings; the rest comes from the preset. */
export type DemoFlags = Partial<
  Pick<DemoSettings, 'seed' | 'steps' | 'layers' | 'hidden' | 'budgets' | 'ignore'>
> & { quick: boolean };

/** The preset `--quick` chooses, with the flags given over it; a model the flags cannot build is refused. */
export function resolveDemoSettings({ quick, ...flags }: DemoFlags): DemoSettings {
  const preset = quick ? demoPresets.quick : demoPresets.full;
  const settings: DemoSettings = {
    ...preset,
    lengths: [...preset.lengths],
    budgets: [...preset.budgets],
    ignore: [...preset.ignore],
    ...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)),
  };
  if (settings.hidden % 4 !== 0) {
    throw new UsageError(
      `--hidden must be a multiple of 4 (the model's 4 attention heads), not ${settings.hidden}`,
    );
  }
  return settings;
}
