import { createSeededRandom, validate } from '@s1/errors';
import { z } from 'zod';
import { hashSlice, mix32 } from './hash32';
import { normalizeText } from './normalize-text';

/** Options of {@link createMinHasher}. */
export interface MinHashOptions {
  /** Signature length. Default 128. */
  numHashes?: number;
  /** Words per shingle. Default 5. */
  shingleSize?: number;
  /** Seed of the hash family: the same seed gives the same signatures. Default 0. */
  seed?: number;
}

export const minHashOptionsShape = {
  numHashes: z.int().min(1).optional(),
  shingleSize: z.int().min(1).optional(),
  seed: z.int().optional(),
};

/**
 * A seeded MinHash over word shingles of the normalised text. A text shorter than one shingle
 * is a single shingle; an empty text has no signature.
 *
 * @example
 * const signature = createMinHasher({ seed: 1 });
 * estimateJaccard(signature(a) ?? [], signature(b) ?? []); // ≈ Jaccard of their 5-word shingles
 */
export function createMinHasher(
  options: MinHashOptions = {},
): (text: string) => Uint32Array | undefined {
  const {
    numHashes = 128,
    shingleSize = 5,
    seed = 0,
  } = validate(z.strictObject(minHashOptionsShape), options, 'MinHash options');
  const salts = Uint32Array.from({ length: numHashes }, createSeededRandom(seed).uint32);

  return (text) => {
    const shingles = shingleHashes(normalizeText(text), shingleSize);
    if (shingles.length === 0) return undefined;
    const signature = new Uint32Array(numHashes);
    salts.forEach((salt, slot) => {
      let minimum = 0xffffffff;
      for (const shingle of shingles) minimum = Math.min(minimum, mix32(shingle ^ salt));
      signature[slot] = minimum;
    });
    return signature;
  };
}

/**
 * The share of equal slots in two signatures of the same hasher: an unbiased estimate of the
 * Jaccard similarity of the texts' shingle sets.
 *
 * @example
 * estimateJaccard(signature(text) ?? [], signature(text) ?? []); // 1
 */
export function estimateJaccard(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const length = Math.min(first.length, second.length);
  if (length === 0) return 0;
  let equal = 0;
  for (let slot = 0; slot < length; slot++) if (first[slot] === second[slot]) equal++;
  return equal / length;
}

function shingleHashes(normalized: string, shingleSize: number): number[] {
  if (normalized === '') return [];
  const wordStarts = [0];
  for (
    let index = normalized.indexOf(' ');
    index !== -1;
    index = normalized.indexOf(' ', index + 1)
  ) {
    wordStarts.push(index + 1);
  }
  const count = Math.max(1, wordStarts.length - shingleSize + 1);
  return Array.from({ length: count }, (_, first) => {
    const end = wordStarts[first + shingleSize];
    return hashSlice(
      normalized,
      wordStarts[first] ?? 0,
      end === undefined ? normalized.length : end - 1,
      0,
    );
  });
}
