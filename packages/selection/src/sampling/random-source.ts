/** Uniform numbers in [0, 1), such as `createSeededRandom(seed).uniform` from `@s1/errors`. */
export type RandomSource = () => number;

/**
 * A uniform integer in [0, count).
 *
 * @example
 * uniformIndex(3, createSeededRandom(1).uniform); // 0, 1 or 2
 */
export function uniformIndex(count: number, random: RandomSource): number {
  return Math.floor(random() * count);
}
