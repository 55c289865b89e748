/**
 * A permutation of `0..length-1` drawn with a Fisher–Yates shuffle driven by mulberry32 seeded
 * with `seed`: the same seed gives the same order on every platform. It does not reproduce
 * `torch.randperm`; only the distribution is the same (uniform).
 *
 * @example
 * seededPermutation(5, 42); // the same five indices in the same order on every call
 */
export function seededPermutation(length: number, seed: number): number[] {
  const next = mulberry32(seed);
  const order = Array.from({ length }, (_, index) => index);
  for (let last = length - 1; last > 0; last--) {
    const pick = Math.floor(next() * (last + 1));
    [order[last], order[pick]] = [order[pick] as number, order[last] as number];
  }
  return order;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
