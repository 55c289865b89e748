import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import {
  chiSquare,
  chiSquareCritical001,
  rankCounts,
  rankProbabilities,
} from './__fixtures__/chi-square';
import { drawRank, rankWeights } from './draw-rank';

describe('drawRank', () => {
  it('should weight rank k by 2^(−k)', () => {
    expect(rankWeights(4)).toEqual([1, 0.5, 0.25, 0.125]);
  });

  it('should draw ranks of a 12-item pool with frequencies 2^(−k) normalised', () => {
    const random = createSeededRandom(2025).uniform;
    const ranks = Array.from({ length: 10_000 }, () => drawRank(12, random));
    // Ranks 6..11 are summed so every bin expects at least 5 draws (here about 154).
    const statistic = chiSquare(rankCounts(ranks, 6), rankProbabilities(12, 6));
    expect(statistic).toBeLessThan(chiSquareCritical001[6] as number);
  });

  it('should always draw the only item of a pool of one', () => {
    const random = createSeededRandom(0).uniform;
    for (let draw = 0; draw < 100; draw++) expect(drawRank(1, random)).toBe(0);
  });
});
