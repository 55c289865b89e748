import { describe, expect, it } from 'vitest';
import { seededRandom, uniformIndex } from './seeded-random';

describe('seededRandom', () => {
  it('should repeat a stream for a seed and give another for another seed', () => {
    const first = Array.from({ length: 5 }, seededRandom(42));
    expect(Array.from({ length: 5 }, seededRandom(42))).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(43))).not.toEqual(first);
  });

  // The first value is mulberry32(1)'s well-known 0.6270739405881613; the rest pin the stream.
  it('should produce the mulberry32 stream', () => {
    const random = seededRandom(1);
    expect(seededRandom(1)()).toBe(0.6270739405881613);
    expect([random(), random(), random()].map((value) => Math.round(value * 2 ** 32))).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
  });

  it('should stay in [0, 1) with a mean near 1/2', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 20_000 }, random);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('should draw indices in range', () => {
    const random = seededRandom(3);
    const indices = Array.from({ length: 1000 }, () => uniformIndex(4, random));
    expect(new Set(indices)).toEqual(new Set([0, 1, 2, 3]));
  });
});
