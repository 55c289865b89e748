import type { RandomSource } from './random-source';
import { weightedIndex } from './weighted-index';

/**
 * The s1 within-domain draw (`data/filter.ipynb` in github.com/simplescaling/s1; the s1 paper,
 * arXiv 2501.19393, Algorithm 1): rank `k` of a pool of `size`
 * items ranked longest first is drawn with probability `2^(−k)`, normalised over the pool.
 *
 * @example
 * drawRank(12, createSeededRandom(3).uniform); // 0 about half the time, 1 a quarter, …
 */
export function drawRank(size: number, random: RandomSource): number {
  return weightedIndex(rankWeights(size), random);
}

/**
 * The unnormalised weights `2^(−k)` for ranks `0..size-1`; they underflow to 0 past rank 1074,
 * as numpy's do.
 *
 * @example
 * rankWeights(3); // [1, 0.5, 0.25]
 */
export function rankWeights(size: number): number[] {
  return Array.from({ length: size }, (_, rank) => 2 ** -rank);
}
