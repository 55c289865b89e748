import { validate } from '@s1/errors';
import { z } from 'zod';
import { ngramWindows } from './ngram-windows';

/** Options of {@link findCommonNgrams}. */
export interface FindCommonNgramsOptions {
  /** Words per n-gram. Default 8. */
  n?: number;
  /** An n-gram is common when more than this fraction of the texts contain it. */
  documentFraction: number;
}

const optionsSchema = z.strictObject({
  n: z.int().min(1).optional(),
  documentFraction: z.number().gt(0).max(1),
});

/**
 * The normalised word n-grams found in more than `documentFraction` of `texts` (boilerplate
 * such as "express your answer as a common fraction"), counting each text once.
 *
 * @example
 * findCommonNgrams(questions, { documentFraction: 0.01 }); // Set { 'enter your answer …' }
 */
export function findCommonNgrams(
  texts: readonly string[],
  options: FindCommonNgramsOptions,
): Set<string> {
  const { n = 8, documentFraction } = validate(optionsSchema, options, 'common n-gram options');
  const threshold = documentFraction * texts.length;
  const windowsByText = texts.map((text) => ngramWindows(text, n));

  // Counting hash keys first keeps memory at one number per distinct n-gram; only the few
  // frequent keys are then counted again as exact strings, which undoes any key collision.
  const keyCounts = new Map<number, number>();
  for (const windows of windowsByText) {
    for (const key of new Set(windows.keys)) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  }
  const frequentKeys = new Set(
    [...keyCounts].filter(([, count]) => count > threshold).map(([key]) => key),
  );

  const ngramCounts = new Map<string, number>();
  for (const { normalized, keys, starts, ends } of windowsByText) {
    const ngrams = new Set(
      keys.flatMap((key, window) =>
        frequentKeys.has(key) ? [normalized.slice(starts[window], ends[window])] : [],
      ),
    );
    for (const ngram of ngrams) ngramCounts.set(ngram, (ngramCounts.get(ngram) ?? 0) + 1);
  }
  return new Set([...ngramCounts].filter(([, count]) => count > threshold).map(([ngram]) => ngram));
}
