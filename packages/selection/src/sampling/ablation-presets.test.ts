import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquare, chiSquareCritical001, syntheticPool } from './__fixtures__/chi-square';
import { diverseSample } from './diverse-sample';
import { fullPool } from './full-pool';
import { longestSample } from './longest-sample';
import { randomSample } from './random-sample';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const arbitraryPool = fc
  .array(fc.record({ domain: fc.constantFrom('a', 'b', 'c'), length: fc.nat(5) }), {
    maxLength: 40,
  })
  .map((rows) => rows.map((row, index) => ({ ...row, id: `q${index}` })));

describe('randomSample', () => {
  it('should select min(n, pool) distinct items, the same for the same seed', () => {
    fc.assert(
      fc.property(arbitraryPool, fc.nat(50), fc.integer(), (items, n, seed) => {
        const chosen = randomSample(items, { n, seed });
        expect(chosen).toHaveLength(Math.min(n, items.length));
        expect(new Set(ids(chosen)).size).toBe(chosen.length);
        expect(randomSample([...items].reverse(), { n, seed })).toEqual(chosen);
      }),
    );
  });

  it('should give each item the same chance', () => {
    const pool = syntheticPool([4]);
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) {
      const [first] = randomSample(pool, { n: 1, seed });
      const index = Number(first?.id.slice(-3));
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(chiSquare(counts, [0.25, 0.25, 0.25, 0.25])).toBeLessThan(
      chiSquareCritical001[3] as number,
    );
  });

  it('should differ for another seed', () => {
    const pool = syntheticPool([50]);
    expect(ids(randomSample(pool, { n: 10, seed: 1 }))).not.toEqual(
      ids(randomSample(pool, { n: 10, seed: 2 })),
    );
  });
});

describe('diverseSample', () => {
  const domainOf = (item: { domain: string }) => item.domain;

  it('should select min(n, pool) distinct items', () => {
    fc.assert(
      fc.property(arbitraryPool, fc.nat(50), fc.integer(), (items, n, seed) => {
        const { items: chosen } = diverseSample(items, { n, seed, domainOf });
        expect(chosen).toHaveLength(Math.min(n, items.length));
        expect(new Set(ids(chosen)).size).toBe(chosen.length);
      }),
    );
  });

  it('should draw domains uniformly and items uniformly, whatever their length', () => {
    const pool = syntheticPool([4, 4, 4, 4, 4]);
    const domains = [0, 0, 0, 0, 0];
    const positions = [0, 0, 0, 0];
    for (let seed = 0; seed < 5000; seed++) {
      const [pick] = diverseSample(pool, { n: 1, seed, domainOf }).picks;
      const domain = Number(pick?.domain.slice(1));
      const position = Number(pick?.item.id.slice(-3));
      domains[domain] = (domains[domain] ?? 0) + 1;
      positions[position] = (positions[position] ?? 0) + 1;
      expect(pick?.rank).toBeUndefined();
    }
    expect(chiSquare(domains, [0.2, 0.2, 0.2, 0.2, 0.2])).toBeLessThan(
      chiSquareCritical001[4] as number,
    );
    expect(chiSquare(positions, [0.25, 0.25, 0.25, 0.25])).toBeLessThan(
      chiSquareCritical001[3] as number,
    );
  });
});

describe('longestSample', () => {
  it('should take the n longest, ties in id order', () => {
    const pool = [
      { id: 'c', length: 7 },
      { id: 'b', length: 9 },
      { id: 'a', length: 7 },
      { id: 'd', length: 1 },
    ];
    expect(ids(longestSample(pool, { n: 3, lengthOf: (item) => item.length }))).toEqual([
      'b',
      'a',
      'c',
    ]);
  });
});

describe('fullPool', () => {
  it('should return every item in order, as a new array', () => {
    const pool = syntheticPool([3]);
    const all = fullPool(pool);
    expect(all).toEqual(pool);
    expect(all).not.toBe(pool);
  });
});
