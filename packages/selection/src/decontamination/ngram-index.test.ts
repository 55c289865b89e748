import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNgramIndex } from './ngram-index';
import { wordNgrams } from './normalize-text';

const eightWords = 'the quick brown fox jumps over the lazy dog';

describe('createNgramIndex', () => {
  it('should find a shared 8-gram whatever the case and spacing', () => {
    const index = createNgramIndex([{ text: eightWords, source: 'eval' }]);
    expect(index.firstMatch(`Puzzle: THE QUICK brown\nfox jumps over the  lazy cat`)).toEqual({
      ngram: 'the quick brown fox jumps over the lazy',
      source: 'eval',
    });
    expect(index.firstMatch('the quick brown fox jumps over a lazy dog')).toBeUndefined();
  });

  it('should report the first n-gram of the query and the first source that had it', () => {
    const index = createNgramIndex<string>([], { n: 2 });
    index.add('c d', 'first');
    index.add('a b c d', 'second');
    expect(index.firstMatch('x a b c d')).toEqual({ ngram: 'a b', source: 'second' });
    expect(index.firstMatch('c d')).toEqual({ ngram: 'c d', source: 'first' });
  });

  it('should neither store nor match texts shorter than n words', () => {
    const index = createNgramIndex([{ text: 'one two three four five six seven', source: 0 }]);
    expect(index.firstMatch('one two three four five six seven')).toBeUndefined();
    index.add(eightWords, 1);
    expect(index.firstMatch('quick brown fox jumps over the lazy')).toBeUndefined();
  });

  it('should skip ignored n-grams and go on to the next one', () => {
    const index = createNgramIndex([{ text: 'a b c d', source: 'eval' }], {
      n: 2,
      ignoredNgrams: new Set(['a b']),
    });
    expect(index.firstMatch('a b')).toBeUndefined();
    expect(index.firstMatch('a b c')).toEqual({ ngram: 'b c', source: 'eval' });
  });

  it('should reject n below 1', () => {
    expect(() => createNgramIndex([], { n: 0 })).toThrow(/n-gram index options/);
  });

  it('should agree with comparing n-gram sets (property)', () => {
    const word = fc.constantFrom('a', 'B', 'c', 'd', 'x');
    const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0');
    const text = fc
      .array(fc.tuple(word, separator), { maxLength: 12 })
      .map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 5 }),
        text,
        fc.integer({ min: 1, max: 4 }),
        (stored, query, n) => {
          const index = createNgramIndex(
            stored.map((storedText, source) => ({ text: storedText, source })),
            { n },
          );
          const match = index.firstMatch(query);
          const queryNgrams = wordNgrams(query, n);
          const expectedNgram = queryNgrams.find((ngram) =>
            stored.some((storedText) => wordNgrams(storedText, n).includes(ngram)),
          );
          expect(match?.ngram).toBe(expectedNgram);
          if (match) {
            const firstSource = stored.findIndex((storedText) =>
              wordNgrams(storedText, n).includes(match.ngram),
            );
            expect(match.source).toBe(firstSource);
          }
        },
      ),
    );
  });

  it('should flag any text that shares an 8-word window with a stored text (property)', () => {
    const words = fc.array(fc.stringMatching(/^[a-z0-9$\\{}^]{1,8}$/), {
      minLength: 8,
      maxLength: 40,
    });
    fc.assert(
      fc.property(words, words, words, fc.nat(), (stored, before, after, offset) => {
        const start = offset % (stored.length - 7);
        const window = stored.slice(start, start + 8);
        const index = createNgramIndex([{ text: stored.join(' '), source: 'eval' }]);
        const query = [...before, ...window, ...after].join(' ');
        expect(index.firstMatch(query)?.source).toBe('eval');
      }),
    );
  });
});
