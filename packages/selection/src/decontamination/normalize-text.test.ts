import { describe, expect, it } from 'vitest';
import { normalizeText, wordNgrams } from './normalize-text';

describe('normalizeText', () => {
  it('should lower-case, trim and collapse whitespace as Python split/join does', () => {
    expect(normalizeText('  Find   the SUM\n\tof  x. ')).toBe('find the sum of x.');
    expect(normalizeText(' \n ')).toBe('');
  });

  it("should split on Python's whitespace, not JavaScript's", () => {
    expect(normalizeText('a\u0085b\u001cc\u3000d')).toBe('a b c d');
    expect(normalizeText('a\ufeffb')).toBe('a\ufeffb');
  });
});

describe('wordNgrams', () => {
  it('should give every window of n words, in order', () => {
    expect(wordNgrams('A b  c d', 3)).toEqual(['a b c', 'b c d']);
    expect(wordNgrams('a b c', 3)).toEqual(['a b c']);
  });

  it('should give none for fewer than n words', () => {
    expect(wordNgrams('one two three four five six seven', 8)).toEqual([]);
    expect(wordNgrams('', 1)).toEqual([]);
  });
});
