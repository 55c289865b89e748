import type { ThinkingOptions } from '@s1/budget-forcing';

/** One point of a sweep: a named set of thinking options. */
export interface EvalConfig {
  /** The configuration's name, as results files record it. */
  name: string;
  /** The thinking options its samples run with. */
  thinking: ThinkingOptions;
}

/** Options of {@link budgetSweep}: the lists whose combinations make the sweep. */
export interface BudgetSweepOptions {
  /** Thinking budgets (`max`); `undefined` in the list means no cap. */
  max?: readonly (number | undefined)[] | undefined;
  /** Ends of thinking to suppress. */
  ignoreEnd?: readonly number[] | undefined;
  /** Continuation strings ("Wait", "Hmm", …). */
  continuation?: readonly string[] | undefined;
  /** Options every point shares (min, onBudget, …). */
  base?: ThinkingOptions | undefined;
}

/**
 * The configurations of a sweep, every combination of the lists given, named so that a results
 * file can be read back (`max=2048,ignore=1,continuation=Wait`), as in the sweeps of s1's
 * `eval/commands.sh` (github.com/simplescaling/s1).
 *
 * @example
 * budgetSweep({ max: [512, 1024, 2048, 4096] });              // the budget-forcing curve
 * budgetSweep({ max: [undefined], ignoreEnd: [0, 1, 2, 4] }); // "Wait" extrapolation
 */
export function budgetSweep(options: BudgetSweepOptions): EvalConfig[] {
  const maxes = options.max ?? [undefined];
  const ignores = options.ignoreEnd ?? [undefined];
  const continuations = options.continuation ?? [undefined];
  return maxes.flatMap((max) =>
    ignores.flatMap((ignoreEnd) =>
      continuations.map((continuation) => {
        const thinking: ThinkingOptions = {
          ...options.base,
          ...(max === undefined ? {} : { max }),
          ...(ignoreEnd === undefined ? {} : { ignoreEnd }),
          ...(continuation === undefined ? {} : { continuation }),
        };
        const name = [
          `max=${max ?? 'none'}`,
          ...(ignoreEnd === undefined ? [] : [`ignore=${ignoreEnd}`]),
          ...(continuation === undefined ? [] : [`continuation=${continuation}`]),
        ].join(',');
        return { name, thinking };
      }),
    ),
  );
}
