import { describe, expect, it } from 'vitest';
import { control, performance, scaling } from './test-time-scaling-metrics';

describe('scaling', () => {
  it("should reproduce the paper's class-conditional control value (≈ 25)", () => {
    // The s1 paper (arXiv 2501.19393), class-conditional control on AIME24: short 30.0% at
    // 8,033 tokens, long 36.7% at 9,651 tokens.
    const result = scaling([
      { thinkingTokens: 8033, accuracy: 0.3 },
      { thinkingTokens: 9651, accuracy: 0.367 },
    ]);
    expect(result.perLog2Tokens).toBeCloseTo(25.3, 1);
    expect(Math.round(result.perLog2Tokens)).toBe(25);
    expect(result.perToken).toBeCloseTo(6.7 / (9651 - 8033), 6);
    expect(result.pairs).toBe(1);
  });

  it('should average the slope over every pair, in any order', () => {
    const runs = [
      { thinkingTokens: 4000, accuracy: 0.5 },
      { thinkingTokens: 1000, accuracy: 0.3 },
      { thinkingTokens: 2000, accuracy: 0.4 },
    ];
    // pairs: (1000→2000) 10/1, (1000→4000) 20/2, (2000→4000) 10/1 → mean 10 pp per doubling
    expect(scaling(runs).perLog2Tokens).toBeCloseTo(10, 10);
    expect(scaling([...runs].reverse()).perLog2Tokens).toBeCloseTo(10, 10);
  });

  it('should count pairs with equal thinking tokens as skipped, not hide them', () => {
    const result = scaling([
      { thinkingTokens: 1000, accuracy: 0.3 },
      { thinkingTokens: 1000, accuracy: 0.4 },
      { thinkingTokens: 2000, accuracy: 0.5 },
    ]);
    expect(result.skippedPairs).toBe(1);
    expect(result.pairs).toBe(2);
  });

  it('should be negative when accuracy falls with more thinking (rejection sampling)', () => {
    expect(
      scaling([
        { thinkingTokens: 3500, accuracy: 0.4 },
        { thinkingTokens: 8000, accuracy: 0.3 },
      ]).perLog2Tokens,
    ).toBeLessThan(0);
  });
});

describe('control and performance', () => {
  it('should give the share of runs within their bounds', () => {
    const runs = [
      { thinkingTokens: 480, accuracy: 0.2, max: 512 },
      { thinkingTokens: 1100, accuracy: 0.3, max: 1024 },
      { thinkingTokens: 2000, accuracy: 0.4, min: 1024, max: 2048 },
      { thinkingTokens: 900, accuracy: 0.35, min: 1024 },
      { thinkingTokens: 7000, accuracy: 0.5 },
    ];
    expect(control(runs)).toBeCloseTo(3 / 5, 10);
    expect(performance(runs)).toBe(0.5);
  });

  it('should reject accuracies given in percent', () => {
    expect(() => performance([{ thinkingTokens: 100, accuracy: 56.7 }])).toThrow(/accuracy/);
  });
});
