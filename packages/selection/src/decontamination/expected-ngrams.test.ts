import { describe, expect, it } from 'vitest';
import { expectedNgrams } from './expected-ngrams';
import { wordNgrams } from './normalize-text';

describe('expectedNgrams', () => {
  it('should count the n-grams of texts split on ASCII whitespace', () => {
    const texts = ['  The quick\tbrown\n\nfox jumps ', 'two words', '', 'a b c d e f g h i j'];
    expect(expectedNgrams(texts, 3)).toBe(
      texts.reduce((sum, text) => sum + wordNgrams(text, 3).length, 0),
    );
    expect(expectedNgrams(texts, 3)).toBe(3 + 0 + 0 + 8);
  });
});
