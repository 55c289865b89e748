import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededPermutation } from './seeded-permutation';

describe('seededPermutation', () => {
  it('should be a permutation of 0..length-1', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.integer(), (length, seed) => {
        const order = seededPermutation(length, seed);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, i) => i));
      }),
    );
  });

  it('should repeat for the same seed and differ for another', () => {
    expect(seededPermutation(50, 7)).toEqual(seededPermutation(50, 7));
    expect(seededPermutation(50, 7)).not.toEqual(seededPermutation(50, 8));
  });

  it('should put each index first about equally often', () => {
    const firsts = new Array(4).fill(0);
    for (let seed = 0; seed < 4000; seed++) firsts[seededPermutation(4, seed)[0] as number]++;
    for (const count of firsts) expect(count).toBeGreaterThan(850);
  });
});
