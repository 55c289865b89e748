import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';

const draws = (count: number, draw: () => number) => Array.from({ length: count }, draw);

describe('createSeededRandom', () => {
  // mulberry32(1)'s well-known first value, then the stream that tiny models, permutations and
  // samples were built from before this was shared: changing it changes their outputs.
  it('should produce the mulberry32 stream', () => {
    const random = createSeededRandom(1);
    expect(random.uniform()).toBe(0.6270739405881613);
    expect(draws(3, random.uint32)).toEqual([11749833, 2265367787, 4213581821]);
    expect(draws(2, createSeededRandom(0).uint32)).toEqual([1144304738, 1416247]);
  });

  it('should draw uniform numbers as the 32-bit integers over 2^32, from one stream', () => {
    const integers = draws(4, createSeededRandom(9).uint32);
    const random = createSeededRandom(9);
    expect([random.uniform(), random.uint32(), random.uniform(), random.uint32()]).toEqual([
      (integers[0] as number) / 2 ** 32,
      integers[1],
      (integers[2] as number) / 2 ** 32,
      integers[3],
    ]);
  });

  it('should draw pinned normal values, two per pair of uniform draws', () => {
    expect(draws(3, createSeededRandom(42).normal)).toEqual([
      -1.2848381576290195, 0.43278026787558976, -0.9453528099747296,
    ]);
  });

  it('should repeat a stream for a seed, give another for another seed, and take seeds modulo 2^32', () => {
    expect(draws(5, createSeededRandom(42).uniform)).toEqual(
      draws(5, createSeededRandom(42).uniform),
    );
    expect(draws(5, createSeededRandom(43).uniform)).not.toEqual(
      draws(5, createSeededRandom(42).uniform),
    );
    expect(draws(5, createSeededRandom(2 ** 32 + 5).uint32)).toEqual(
      draws(5, createSeededRandom(5).uint32),
    );
    expect(draws(5, createSeededRandom(-1).uint32)).toEqual(
      draws(5, createSeededRandom(2 ** 32 - 1).uint32),
    );
  });

  it('should spread uniform draws evenly over [0, 1)', () => {
    const values = draws(40_000, createSeededRandom(7).uniform);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const counts = new Array<number>(10).fill(0);
    for (const value of values)
      counts[Math.floor(value * 10)] = (counts[Math.floor(value * 10)] ?? 0) + 1;
    // Chi-square with 9 degrees of freedom; 27.88 is its 0.001 critical value.
    const expected = values.length / 10;
    const statistic = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(statistic).toBeLessThan(27.88);
  });

  it('should draw integers over the whole 32-bit range', () => {
    const values = draws(10_000, createSeededRandom(3).uint32);
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value < 2 ** 32)).toBe(
      true,
    );
    // Each bit is set about half the time, the highest included.
    for (const bit of [0, 15, 31]) {
      const set = values.filter((value) => Math.floor(value / 2 ** bit) % 2 === 1).length;
      expect(set / values.length).toBeCloseTo(0.5, 1);
    }
  });

  it('should draw normal values with mean 0 and variance 1', () => {
    const values = draws(40_000, createSeededRandom(11).normal);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
