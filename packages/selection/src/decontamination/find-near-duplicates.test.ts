import { describe, expect, it } from 'vitest';
import { findNearDuplicates } from './find-near-duplicates';

const words = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const original = words(60, 'w').join(' ');
const edited = original.replace('w30', 'changed');
const other = words(60, 'x').join(' ');

describe('findNearDuplicates', () => {
  it('should report later near-duplicates of a kept text and keep the rest', () => {
    const pairs = findNearDuplicates([original, other, edited, original], { threshold: 0.7 });
    expect(pairs.map(({ index, duplicateOf }) => [index, duplicateOf])).toEqual([
      [2, 0],
      [3, 0],
    ]);
    expect(pairs[1]?.estimatedJaccard).toBe(1);
  });

  it('should respect the threshold', () => {
    expect(findNearDuplicates([original, edited], { threshold: 0.99 })).toEqual([]);
  });

  it('should reject a threshold outside (0, 1]', () => {
    expect(() => findNearDuplicates([], { threshold: 0 })).toThrow(/near-duplicate threshold/);
  });
});
