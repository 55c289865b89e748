/** Uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32, a small 32-bit generator with integer-only steps (`Math.imul`, shifts), so a seed
 * gives the same stream on every platform and engine. Seeds are taken modulo 2^32.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number in [0, 1) on every run
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in [0, count).
 *
 * @example
 * uniformIndex(3, seededRandom(1)); // 0, 1 or 2
 */
export function uniformIndex(count: number, random: RandomSource): number {
  return Math.floor(random() * count);
}
