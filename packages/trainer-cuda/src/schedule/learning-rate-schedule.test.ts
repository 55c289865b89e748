import { describe, expect, it } from 'vitest';
import { cosineLearningRate, warmupStepsFor } from './learning-rate-schedule';

describe('the learning-rate schedule', () => {
  it('should warm up over ceil(5% of 315) = 16 steps and decay to 0, as s1 trains', () => {
    const warmupSteps = warmupStepsFor(0.05, 315);
    expect(warmupSteps).toBe(16);
    const schedule = { peak: 1e-5, warmupSteps, totalSteps: 315 };
    expect(cosineLearningRate(0, schedule)).toBe(0);
    expect(cosineLearningRate(8, schedule)).toBeCloseTo(5e-6, 18);
    expect(cosineLearningRate(16, schedule)).toBe(1e-5);
    // Halfway through the decay: 0.5 · (1 + cos(π/2)).
    expect(cosineLearningRate(16 + 299 / 2, schedule)).toBeCloseTo(5e-6, 15);
    expect(cosineLearningRate(315, schedule)).toBeCloseTo(0, 20);
  });

  it('should run at the peak from the first step without a warm-up', () => {
    expect(cosineLearningRate(0, { peak: 2e-4, warmupSteps: 0, totalSteps: 10 })).toBe(2e-4);
  });
});
