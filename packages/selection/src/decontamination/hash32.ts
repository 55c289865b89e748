/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A seeded 32-bit FNV-1a hash of `text.slice(start, end)`, finalised with `mix32`. */
export function hashSlice(text: string, start: number, end: number, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = start; index < end; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return mix32(hash);
}

/** Joins two 32-bit hashes into one 53-bit integer, exact as a number and as a Map key. */
export function joinHashes(high: number, low: number): number {
  return high * 0x200000 + (low >>> 11);
}
