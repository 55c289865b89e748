import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquare,
  chiSquareCritical001,
  rankCounts,
  rankProbabilities,
  type SyntheticItem,
  syntheticPool,
} from './__fixtures__/chi-square';
import { s1Sample } from './s1-sample';
import { SamplingError } from './sampling-error';

const accessors = {
  domainOf: (item: SyntheticItem) => item.domain,
  lengthOf: (item: SyntheticItem) => item.length,
};
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('s1Sample', () => {
  const pool = syntheticPool([12, 12, 12, 12, 12]);

  it('should repeat for the same seed and differ for another', () => {
    const first = s1Sample(pool, { n: 20, seed: 1, ...accessors });
    expect(ids(s1Sample(pool, { n: 20, seed: 1, ...accessors }).items)).toEqual(ids(first.items));
    expect(ids(s1Sample(pool, { n: 20, seed: 2, ...accessors }).items)).not.toEqual(
      ids(first.items),
    );
  });

  it('should not depend on the order of the pool', () => {
    const reversed = [...pool].reverse();
    expect(ids(s1Sample(reversed, { n: 30, seed: 5, ...accessors }).items)).toEqual(
      ids(s1Sample(pool, { n: 30, seed: 5, ...accessors }).items),
    );
  });

  it('should draw length ranks with frequencies 2^(−rank) and domains uniformly', () => {
    const ranks: number[] = [];
    const domains = [0, 0, 0, 0, 0];
    for (let seed = 0; seed < 10_000; seed++) {
      const [pick] = s1Sample(pool, { n: 1, seed, ...accessors }).picks;
      ranks.push(pick?.rank ?? -1);
      const domain = Number(pick?.domain.slice(1));
      domains[domain] = (domains[domain] ?? 0) + 1;
      // The synthetic lengths fall with the index, so rank k is item k of its domain.
      expect(pick?.item.id.endsWith(String(pick.rank).padStart(3, '0'))).toBe(true);
    }
    const rankStatistic = chiSquare(rankCounts(ranks, 6), rankProbabilities(12, 6));
    expect(rankStatistic).toBeLessThan(chiSquareCritical001[6] as number);
    const domainStatistic = chiSquare(domains, [0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(domainStatistic).toBeLessThan(chiSquareCritical001[4] as number);
  });

  it('should choose domains uniformly until one empties, then among the rest', () => {
    const uneven = syntheticPool([2, 50, 50, 50, 50]);
    const before = [0, 0, 0, 0, 0];
    const after = [0, 0, 0, 0, 0];
    for (let seed = 0; seed < 2000; seed++) {
      const { picks } = s1Sample(uneven, { n: 30, seed, ...accessors });
      let smallLeft = 2;
      for (const pick of picks) {
        const domain = Number(pick.domain.slice(1));
        const counts = smallLeft > 0 ? before : after;
        counts[domain] = (counts[domain] ?? 0) + 1;
        if (domain === 0) smallLeft--;
      }
    }
    expect(chiSquare(before, [0.2, 0.2, 0.2, 0.2, 0.2])).toBeLessThan(
      chiSquareCritical001[4] as number,
    );
    expect(after[0]).toBe(0);
    expect(chiSquare(after.slice(1), [0.25, 0.25, 0.25, 0.25])).toBeLessThan(
      chiSquareCritical001[3] as number,
    );
  });

  it('should rank equal lengths by id', () => {
    const tied = [
      { id: 'b', domain: 'x', length: 5 },
      { id: 'a', domain: 'x', length: 5 },
    ];
    for (let seed = 0; seed < 50; seed++) {
      const [pick] = s1Sample(tied, { n: 1, seed, ...accessors }).picks;
      expect(pick?.item.id).toBe(pick?.rank === 0 ? 'a' : 'b');
    }
  });

  it('should put kept items first, and add nothing when one is drawn again', () => {
    const kept = ['d1-000', 'd0-000'];
    const { items, picks } = s1Sample(pool, { n: 60, seed: 3, ...accessors, keptOutright: kept });
    expect(ids(items.slice(0, 2))).toEqual(['d0-000', 'd1-000']);
    expect(picks[0]).toEqual({ item: items[0], domain: 'd0', via: 'kept' });
    expect(new Set(ids(items)).size).toBe(60);
  });

  it('should refuse kept ids outside the pool, or more kept items than n', () => {
    expect(() => s1Sample(pool, { n: 5, seed: 0, ...accessors, keptOutright: ['nope'] })).toThrow(
      SamplingError,
    );
    expect(() =>
      s1Sample(pool, { n: 1, seed: 0, ...accessors, keptOutright: ['d0-000', 'd0-001'] }),
    ).toThrow(/more than n = 1/);
  });

  it('should switch to the benchmark weights after `after` selections, renormalising', () => {
    const weights = { d1: 3, d2: 1 };
    for (let seed = 0; seed < 200; seed++) {
      const { picks } = s1Sample(pool, {
        n: 24,
        seed,
        ...accessors,
        benchmarkPhase: { after: 10, weights },
      });
      expect(picks.slice(0, 10).every((pick) => pick.via === 'uniform')).toBe(true);
      const late = picks.slice(10);
      expect(late.every((pick) => pick.via === 'benchmark')).toBe(true);
      expect(late.every((pick) => pick.domain === 'd1' || pick.domain === 'd2')).toBe(true);
    }
  });

  it('should draw benchmark domains in proportion to their weights', () => {
    const firstBenchmark = [0, 0];
    for (let seed = 0; seed < 2000; seed++) {
      const { picks } = s1Sample(pool, {
        n: 11,
        seed,
        ...accessors,
        benchmarkPhase: { after: 10, weights: { d1: 3, d2: 1 } },
      });
      const index = picks[10]?.domain === 'd1' ? 0 : 1;
      firstBenchmark[index] = (firstBenchmark[index] ?? 0) + 1;
    }
    expect(chiSquare(firstBenchmark, [0.75, 0.25])).toBeLessThan(chiSquareCritical001[1] as number);
  });

  it('should renormalise the weights over the domains left', () => {
    const small = syntheticPool([2, 12]);
    const { picks } = s1Sample(small, {
      n: 14,
      seed: 9,
      ...accessors,
      benchmarkPhase: { after: 0, weights: { d0: 1, d1: 1 } },
    });
    expect(picks).toHaveLength(14);
  });

  it('should fail when every weighted domain is empty', () => {
    const call = () =>
      s1Sample(pool, {
        n: 30,
        seed: 0,
        ...accessors,
        benchmarkPhase: { after: 0, weights: { d0: 1 } },
      });
    expect(call).toThrow(SamplingError);
  });

  it('should refuse duplicate ids and bad options', () => {
    expect(() =>
      s1Sample([...pool, pool[0] as SyntheticItem], { n: 1, seed: 0, ...accessors }),
    ).toThrow(/twice/);
    expect(() => s1Sample(pool, { n: -1, seed: 0, ...accessors })).toThrow(/n/);
  });

  it('should select min(n, pool) distinct items, kept ones included', () => {
    const arbitraryPool = fc
      .array(fc.record({ domain: fc.constantFrom('a', 'b', 'c'), length: fc.nat(5) }), {
        maxLength: 40,
      })
      .map((rows) => rows.map((row, index) => ({ ...row, id: `q${index}` })));
    fc.assert(
      fc.property(arbitraryPool, fc.nat(50), fc.integer(), fc.nat(3), (items, n, seed, keep) => {
        const keptOutright = ids(items.slice(0, Math.min(keep, n)));
        const { items: chosen, picks } = s1Sample(items, { n, seed, ...accessors, keptOutright });
        expect(chosen).toHaveLength(Math.min(n, items.length));
        expect(new Set(ids(chosen)).size).toBe(chosen.length);
        expect(picks.map((pick) => pick.item)).toEqual(chosen);
        expect(ids(chosen.slice(0, keptOutright.length)).sort()).toEqual([...keptOutright].sort());
      }),
    );
  });
});
