import { describe, expect, it } from 'vitest';
import { findCommonNgrams } from './common-ngrams';

describe('findCommonNgrams', () => {
  const texts = ['a b c x', 'A B C y', 'a b c a b c', 'q r s'];

  it('should return n-grams in more than the fraction of texts, counting each text once', () => {
    expect(findCommonNgrams(texts, { n: 3, documentFraction: 0.5 })).toEqual(new Set(['a b c']));
    expect(findCommonNgrams(texts, { n: 3, documentFraction: 0.75 })).toEqual(new Set());
  });

  it('should find nothing in texts shorter than n', () => {
    expect(findCommonNgrams(['a b', 'a b'], { n: 3, documentFraction: 0.1 })).toEqual(new Set());
  });

  it('should reject a fraction outside (0, 1]', () => {
    expect(() => findCommonNgrams(texts, { documentFraction: 1.5 })).toThrow(/documentFraction/);
  });
});
