import { describe, expect, it, vi } from 'vitest';
import { joinHashes } from './hash32';
import { createNgramIndex } from './ngram-index';

// Every n-gram gets the same hash key, so exactness rests on the confirmation step alone.
vi.mock('./hash32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./hash32')>()),
  joinHashes: () => 42,
}));

describe('createNgramIndex when hash keys collide', () => {
  it('should match only equal n-grams', () => {
    expect(joinHashes(1, 2)).toBe(42);
    const index = createNgramIndex([{ text: 'a b c', source: 'eval' }], { n: 2 });
    expect(index.firstMatch('x y')).toBeUndefined();
    expect(index.firstMatch('b a')).toBeUndefined();
    expect(index.firstMatch('x b c')).toEqual({ ngram: 'b c', source: 'eval' });
    expect(index.firstMatch('a bc')).toBeUndefined();
  });

  it('should keep the first source of each colliding n-gram', () => {
    const index = createNgramIndex<string>([], { n: 2 });
    index.add('p q', 'first');
    index.add('r s', 'second');
    index.add('r s', 'third');
    expect(index.firstMatch('r s')).toEqual({ ngram: 'r s', source: 'second' });
    expect(index.firstMatch('p q')).toEqual({ ngram: 'p q', source: 'first' });
  });
});
