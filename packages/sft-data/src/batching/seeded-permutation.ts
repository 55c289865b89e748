import { createSeededRandom } from '@s1/errors';

/**
 * A permutation of `0..length-1` drawn with a Fisher–Yates shuffle driven by
 * `createSeededRandom(seed)` (mulberry32): the same seed gives the same order on every platform.
 * It does not reproduce `torch.randperm`; only the distribution is the same (uniform).
 *
 * @example
 * seededPermutation(5, 42); // the same five indices in the same order on every call
 */
export function seededPermutation(length: number, seed: number): number[] {
  const next = createSeededRandom(seed).uniform;
  const order = Array.from({ length }, (_, index) => index);
  for (let last = length - 1; last > 0; last--) {
    const pick = Math.floor(next() * (last + 1));
    [order[last], order[pick]] = [order[pick] as number, order[last] as number];
  }
  return order;
}
