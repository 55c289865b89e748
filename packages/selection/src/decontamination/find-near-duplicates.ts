import { validate } from '@s1/errors';
import { z } from 'zod';
import { createMinHashIndex, type MinHashIndexOptions } from './minhash-index';

/** Options of {@link findNearDuplicates}: the MinHash settings and the threshold. */
export interface FindNearDuplicatesOptions extends MinHashIndexOptions {
  /** Smallest estimated Jaccard that counts as a near-duplicate. Default 0.8. */
  threshold?: number;
}

/** A text that is a near-duplicate of an earlier, kept one. */
export interface NearDuplicatePair {
  /** The near-duplicate's index in `texts`. */
  index: number;
  /** The index of the kept text it duplicates. */
  duplicateOf: number;
  /** Their Jaccard similarity, as MinHash estimates it. */
  estimatedJaccard: number;
}

const thresholdSchema = z.number().gt(0).max(1);

/**
 * Near-duplicate dedup, not in s1: walks `texts` in order and reports each one whose MinHash
 * estimate against an earlier kept text reaches `threshold`; the others are kept. Deterministic
 * for a given seed.
 *
 * @example
 * findNearDuplicates(['a b c d e f', 'a b c d e f!', 'x y z'], { threshold: 0.3, shingleSize: 2 });
 * // [{ index: 1, duplicateOf: 0, estimatedJaccard: … }]
 */
export function findNearDuplicates(
  texts: readonly string[],
  options: FindNearDuplicatesOptions = {},
): NearDuplicatePair[] {
  const { threshold = 0.8, ...indexOptions } = options;
  validate(thresholdSchema, threshold, 'near-duplicate threshold');
  const kept = createMinHashIndex<number>(indexOptions);
  const pairs: NearDuplicatePair[] = [];
  texts.forEach((text, index) => {
    const [best] = kept.query(text, { minJaccard: threshold });
    if (best)
      pairs.push({ index, duplicateOf: best.source, estimatedJaccard: best.estimatedJaccard });
    else kept.add(text, index);
  });
  return pairs;
}
