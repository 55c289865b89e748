import { describe, expect, it } from 'vitest';
import { demoPresets, modelCacheKey } from './demo-settings';

const quick = { ...demoPresets.quick, lengths: [...demoPresets.quick.lengths] };

describe('modelCacheKey', () => {
  it('should stay when only what is measured changes', () => {
    const key = modelCacheKey({ ...quick, budgets: [...quick.budgets], ignore: [1] });
    expect(modelCacheKey({ ...quick, budgets: [3, 9], ignore: [1, 2, 4] })).toBe(key);
  });

  it('should change with every setting that changes the trained model', () => {
    const base = { ...quick, budgets: [...quick.budgets], ignore: [...quick.ignore] };
    const keys = [
      base,
      { ...base, seed: 1 },
      { ...base, steps: 601 },
      { ...base, layers: 3 },
      { ...base, hidden: 64 },
      { ...base, select: 500 },
      { ...base, test: 50 },
      { ...base, lengths: [2, 3] },
    ].map(modelCacheKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
