import { createMersenneTwister } from './mersenne-twister';

/** The parts of CPython's `random.Random` the GPQA choice shuffle uses. */
export interface PythonRandom {
  /** `getrandbits(bits)` for 0 ≤ bits ≤ 32. */
  getrandbits(bits: number): number;
  /** A copy of `items` put through `random.shuffle` (CPython 3.11); advances the generator. */
  shuffled<T>(items: readonly T[]): T[];
}

/**
 * `random.Random(seed)` for an integer seed, bit-for-bit: CPython seeds MT19937 with
 * `init_by_array` over the 32-bit words of `abs(seed)` (one zero word for 0).
 *
 * @example
 * ```ts
 * const random = createPythonRandom(0);
 * random.getrandbits(32); // 3626764237, as random.Random(0).getrandbits(32)
 * ```
 */
export function createPythonRandom(seed: number | bigint): PythonRandom {
  const nextUint32 = createMersenneTwister(seedKey(BigInt(seed)));

  function getrandbits(bits: number): number {
    return bits === 0 ? 0 : nextUint32() >>> (32 - bits);
  }

  // CPython's _randbelow_with_getrandbits: k = n.bit_length() (not that of n - 1), rejection.
  function randbelow(bound: number): number {
    const bits = 32 - Math.clz32(bound);
    let value = getrandbits(bits);
    while (value >= bound) value = getrandbits(bits);
    return value;
  }

  function shuffled<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = randbelow(i + 1);
      [result[i], result[j]] = [result[j] as T, result[i] as T];
    }
    return result;
  }

  return { getrandbits, shuffled };
}

function seedKey(seed: bigint): number[] {
  let rest = seed < 0n ? -seed : seed;
  const key: number[] = [];
  do {
    key.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  return key;
}
