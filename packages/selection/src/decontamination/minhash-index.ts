import { validate } from '@s1/errors';
import { z } from 'zod';
import { joinHashes, mix32 } from './hash32';
import {
  createMinHasher,
  estimateJaccard,
  type MinHashOptions,
  minHashOptionsShape,
} from './minhash';

/** Options of {@link createMinHashIndex}: the MinHash settings and the LSH bands. */
export interface MinHashIndexOptions extends MinHashOptions {
  /** LSH bands; `numHashes` must be a multiple. Default 32 (4 rows each with 128 hashes). */
  bands?: number;
}

/** A stored text that shares an LSH band with the query. */
export interface NearDuplicate<Source> {
  /** The source the text was added with. */
  source: Source;
  /** The MinHash estimate of the shingle Jaccard similarity. */
  estimatedJaccard: number;
}

/** Near-duplicate search by MinHash signatures and locality-sensitive hashing. */
export interface MinHashIndex<Source> {
  /** Stores a text with the source queries will report for it. */
  add(text: string, source: Source): void;
  /** Candidates with an estimate of at least `minJaccard` (default 0), best first. */
  query(text: string, options?: { minJaccard?: number }): NearDuplicate<Source>[];
}

const minHashIndexOptionsSchema = z
  .strictObject({ ...minHashOptionsShape, bands: z.int().min(1).optional() })
  .refine(({ numHashes = 128, bands = 32 }) => numHashes % bands === 0, {
    message: 'numHashes must be a multiple of bands',
  });

/**
 * An LSH index over seeded MinHash signatures: texts whose signatures agree on all rows of any
 * band are candidates, ranked by estimated Jaccard. With 32 bands of 4 rows a pair at Jaccard
 * 0.5 is found with probability 1 − (1 − 0.5⁴)³² ≈ 0.87, and at 0.8 almost surely.
 *
 * @example
 * const index = createMinHashIndex<number>({ seed: 7 });
 * index.add(question, 0);
 * index.query(rephrased, { minJaccard: 0.7 }); // [{ source: 0, estimatedJaccard: 0.81 }]
 */
export function createMinHashIndex<Source>(
  options: MinHashIndexOptions = {},
): MinHashIndex<Source> {
  const { bands = 32, ...hasherOptions } = validate(
    minHashIndexOptionsSchema,
    options,
    'MinHash index options',
  );
  const signatureOf = createMinHasher(hasherOptions);
  const rows = (hasherOptions.numHashes ?? 128) / bands;
  const buckets = Array.from({ length: bands }, () => new Map<number, number[]>());
  const signatures: Uint32Array[] = [];
  const sources: Source[] = [];

  const bandKey = (signature: Uint32Array, band: number): number => {
    let high = 0x243f6a88;
    let low = 0x85a308d3;
    for (let row = band * rows; row < (band + 1) * rows; row++) {
      high = Math.imul(high ^ (signature[row] ?? 0), 0x9e3779b1);
      low = Math.imul(((low << 13) | (low >>> 19)) ^ (signature[row] ?? 0), 0x85ebca77);
    }
    return joinHashes(mix32(high), mix32(low));
  };

  const add = (text: string, source: Source): void => {
    const signature = signatureOf(text);
    if (!signature) return;
    const id = signatures.length;
    signatures.push(signature);
    sources.push(source);
    buckets.forEach((bucket, band) => {
      const key = bandKey(signature, band);
      const ids = bucket.get(key);
      if (ids) ids.push(id);
      else bucket.set(key, [id]);
    });
  };

  const query = (text: string, { minJaccard = 0 } = {}): NearDuplicate<Source>[] => {
    const signature = signatureOf(text);
    if (!signature) return [];
    const candidates = new Set<number>();
    buckets.forEach((bucket, band) => {
      for (const id of bucket.get(bandKey(signature, band)) ?? []) candidates.add(id);
    });
    return [...candidates]
      .sort((first, second) => first - second)
      .map((id) => ({ id, estimatedJaccard: estimateJaccard(signature, signatures[id] ?? []) }))
      .filter(({ estimatedJaccard }) => estimatedJaccard >= minJaccard)
      .sort((first, second) => second.estimatedJaccard - first.estimatedJaccard)
      .map(({ id, estimatedJaccard }) => ({ source: sources[id] as Source, estimatedJaccard }));
  };

  return { add, query };
}
