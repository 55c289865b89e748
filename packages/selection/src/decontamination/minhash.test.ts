import { describe, expect, it } from 'vitest';
import { createMinHasher, estimateJaccard } from './minhash';

const words = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('createMinHasher', () => {
  it('should give the same signature for the same seed and text, after normalisation', () => {
    const text = words(40, 'w').join(' ');
    const first = createMinHasher({ seed: 3 })(text);
    expect(first).toHaveLength(128);
    expect(createMinHasher({ seed: 3 })(`  ${text.toUpperCase()}\n`)).toEqual(first);
    expect(createMinHasher({ seed: 4 })(text)).not.toEqual(first);
  });

  it('should estimate the Jaccard similarity of the shingle sets', () => {
    // 100 words share 50 of their 1-word shingles: Jaccard 50 / 150.
    const signature = createMinHasher({ shingleSize: 1, numHashes: 256, seed: 11 });
    const first = words(100, 'a').join(' ');
    const second = [...words(50, 'a'), ...words(50, 'b')].join(' ');
    const estimate = estimateJaccard(signature(first) ?? [], signature(second) ?? []);
    expect(estimate).toBeGreaterThan(1 / 3 - 0.1);
    expect(estimate).toBeLessThan(1 / 3 + 0.1);
    expect(estimateJaccard(signature(first) ?? [], signature(first) ?? [])).toBe(1);
  });

  it('should hash a text shorter than a shingle as one shingle, and no signature for empty', () => {
    const signature = createMinHasher();
    expect(estimateJaccard(signature('two words') ?? [], signature('Two  words') ?? [])).toBe(1);
    expect(signature(' \n')).toBeUndefined();
  });

  it('should reject a non-integer signature length', () => {
    expect(() => createMinHasher({ numHashes: 1.5 })).toThrow(/MinHash options/);
  });
});

describe('estimateJaccard', () => {
  it('should be the share of equal slots, 0 for empty signatures', () => {
    expect(estimateJaccard([1, 2, 3, 4], [1, 0, 3, 0])).toBe(0.5);
    expect(estimateJaccard([], [])).toBe(0);
  });
});
