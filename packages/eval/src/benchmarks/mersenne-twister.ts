const stateSize = 624;
const shiftSize = 397;
const upperMask = 0x80000000;
const lowerMask = 0x7fffffff;
const twistMatrix = 0x9908b0df;

/**
 * MT19937 seeded with `init_by_array(key)`, as in CPython's `_randommodule.c`; returns the
 * `genrand_uint32` stream. `key` holds 32-bit words, least significant first.
 */
export function createMersenneTwister(key: readonly number[]): () => number {
  const state = initByArray(key);
  let index = stateSize;
  return () => {
    if (index >= stateSize) {
      twist(state);
      index = 0;
    }
    let value = state[index++] as number;
    value ^= value >>> 11;
    value ^= (value << 7) & 0x9d2c5680;
    value ^= (value << 15) & 0xefc60000;
    value ^= value >>> 18;
    return value >>> 0;
  };
}

function initGenrand(seed: number): Uint32Array {
  const state = new Uint32Array(stateSize);
  state[0] = seed;
  for (let i = 1; i < stateSize; i++) {
    const previous = state[i - 1] as number;
    state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
  }
  return state;
}

function initByArray(key: readonly number[]): Uint32Array {
  const state = initGenrand(19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(stateSize, key.length); k > 0; k--) {
    const previous = state[i - 1] as number;
    state[i] =
      ((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1664525)) +
      (key[j] as number) +
      j;
    i++;
    j++;
    if (i >= stateSize) {
      state[0] = state[stateSize - 1] as number;
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = stateSize - 1; k > 0; k--) {
    const previous = state[i - 1] as number;
    state[i] = ((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i;
    i++;
    if (i >= stateSize) {
      state[0] = state[stateSize - 1] as number;
      i = 1;
    }
  }
  state[0] = upperMask; // guarantees a non-zero state
  return state;
}

function twist(state: Uint32Array): void {
  for (let i = 0; i < stateSize; i++) {
    const bits =
      ((state[i] as number) & upperMask) | ((state[(i + 1) % stateSize] as number) & lowerMask);
    const next = (state[(i + shiftSize) % stateSize] as number) ^ (bits >>> 1);
    state[i] = bits & 1 ? next ^ twistMatrix : next;
  }
}
