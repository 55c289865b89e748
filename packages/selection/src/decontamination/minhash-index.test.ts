import { describe, expect, it } from 'vitest';
import { createMinHashIndex } from './minhash-index';

const words = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const original = words(60, 'w').join(' ');
// One word changed in the middle: 5 of 56 five-word shingles differ (Jaccard 51/61 ≈ 0.84).
const edited = original.replace('w30', 'changed');

describe('createMinHashIndex', () => {
  it('should find a near-duplicate with its estimated Jaccard, best first', () => {
    const index = createMinHashIndex<string>({ seed: 1 });
    index.add(words(60, 'x').join(' '), 'unrelated');
    index.add(edited, 'edited');
    index.add(original, 'original');
    const found = index.query(original);
    expect(found.map(({ source }) => source)).toEqual(['original', 'edited']);
    expect(found[0]?.estimatedJaccard).toBe(1);
    expect(found[1]?.estimatedJaccard).toBeGreaterThan(0.7);
    expect(found[1]?.estimatedJaccard).toBeLessThan(0.95);
  });

  it('should drop candidates below minJaccard and ignore empty texts', () => {
    const index = createMinHashIndex<number>({ seed: 1 });
    index.add(edited, 0);
    index.add('', 1);
    expect(index.query(original, { minJaccard: 0.99 })).toEqual([]);
    expect(index.query('')).toEqual([]);
  });

  it('should be deterministic for a seed', () => {
    const estimates = [1, 1, 2].map((seed) => {
      const index = createMinHashIndex<number>({ seed });
      index.add(edited, 0);
      return index.query(original)[0]?.estimatedJaccard;
    });
    expect(estimates[0]).toBe(estimates[1]);
    expect(estimates[2]).not.toBeUndefined();
  });

  it('should require numHashes to be a multiple of bands', () => {
    expect(() => createMinHashIndex({ numHashes: 100, bands: 32 })).toThrow(/multiple of bands/);
    expect(() => createMinHashIndex({ numHashes: 96, bands: 32 })).not.toThrow();
  });
});
