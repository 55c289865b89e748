/**
 * One reproducible stream of random numbers. Every draw advances the same stream, so a seed
 * and a sequence of calls give the same numbers on every platform and engine.
 */
export interface SeededRandom {
  /** The next number in [0, 1): the next 32 bits over 2^32. */
  readonly uniform: () => number;
  /** The next 32 bits, as an integer in [0, 2^32). */
  readonly uint32: () => number;
  /**
   * A draw from the standard normal distribution (Box–Muller): every other call takes two
   * uniform draws and keeps the second normal value for the next call.
   */
  readonly normal: () => number;
}

/**
 * A seeded generator: mulberry32, a small 32-bit generator whose steps are integer-only
 * (`Math.imul`, shifts), so no engine's floating point can change the stream. Seeds are taken
 * modulo 2^32. Not for cryptography.
 *
 * @example
 * const random = createSeededRandom(1);
 * random.uniform(); // 0.6270739405881613, on every run
 * random.uint32(); // 11749833
 * const pick = Math.floor(random.uniform() * 3); // 0, 1 or 2
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return (value ^ (value >>> 14)) >>> 0;
  };
  const uniform = (): number => uint32() / 2 ** 32;
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 - u is in (0, 1], so the logarithm stays finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uniform, uint32, normal };
}
