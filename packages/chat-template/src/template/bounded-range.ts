import type { RenderBudget } from './render-budget';

/**
 * Python's `range` for templates, checked against the budget before it allocates anything:
 * built unchecked, `range(1000000000)` exhausts the heap and aborts the process.
 */
export function boundedRange(budget: RenderBudget) {
  return (start: number, stop?: number, step = 1): number[] => {
    const [from, to] = stop === undefined ? [0, start] : [start, stop];
    if (step === 0) throw new Error('range() arg 3 must not be zero');
    // Counted, not stepped until past `to`: a step lost to float rounding could never end.
    const length = Math.max(0, Math.ceil((to - from) / step));
    budget.checkRange(length);
    return Array.from({ length }, (_, index) => from + index * step);
  };
}
