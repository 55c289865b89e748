import { describe, expect, it } from 'vitest';
import { trainingSteps } from './training-steps';

describe('trainingSteps', () => {
  it('counts s1K as s1 trained it: 1,000 examples, 16 a step, 5 epochs, 5% warm-up', () => {
    expect(
      trainingSteps({ examples: 1000, globalBatchSize: 16, epochs: 5, warmupRatio: 0.05 }),
    ).toEqual({ perEpoch: 63, total: 315, warmup: 16 });
  });

  it.each([
    // [examples, global batch, epochs, warm-up ratio, per epoch, total, warm-up]
    [16, 16, 1, 0.05, 1, 1, 1],
    [17, 16, 1, 0, 2, 2, 0],
    [3, 16, 2.5, 0.5, 1, 3, 2],
    [48, 16, 2.5, 0.1, 3, 8, 1],
    // 100 × 0.07 is 7.000000000000001 in IEEE doubles, so Python's math.ceil gives 8 as well.
    [1600, 16, 1, 0.07, 100, 100, 8],
  ])(
    '%i examples, %i a step, %s epochs, warm-up %s → %i, %i, %i',
    (examples, globalBatchSize, epochs, warmupRatio, perEpoch, total, warmup) => {
      expect(trainingSteps({ examples, globalBatchSize, epochs, warmupRatio })).toEqual({
        perEpoch,
        total,
        warmup,
      });
    },
  );
});
