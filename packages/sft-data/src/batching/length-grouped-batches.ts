import { validate } from '@s1/errors';
import { z } from 'zod';
import { seededPermutation } from './seeded-permutation';

const lengthGroupedOptionsSchema = z.strictObject({
  /** Examples per batch. */
  batchSize: z.int().positive(),
  /** Seed of the shuffle. */
  seed: z.int(),
  /** Batches per megabatch. @default transformers' choice (see {@link lengthGroupedBatches}) */
  megabatchMultiplier: z.int().positive().optional(),
});

/**
 * Options of {@link lengthGroupedBatches}.
 *
 * @useDeclaredType
 */
export type LengthGroupedBatchesOptions = z.input<typeof lengthGroupedOptionsSchema>;

/**
 * Batches of example indices in which examples of similar length travel together, after
 * transformers' `get_length_grouped_indices` (`group_by_length=True`): shuffle with `seed`, cut
 * the order into megabatches of `batchSize * megabatchMultiplier`, sort each megabatch by length
 * (longest first, ties keep the shuffled order) and cut it into batches. The batch holding the
 * longest example goes first, so an out-of-memory error shows up at the first step. Every index
 * appears exactly once. At most one batch is short: the last one, or the first when the short
 * batch holds the longest example.
 *
 * `megabatchMultiplier` defaults to transformers' choice, `min(floor(n / (4 * batchSize)), 50)`
 * and at least 1, which is 50 for any dataset of 200 batches or more.
 *
 * Two differences from transformers: the shuffle is not `torch.randperm`, so orders differ for
 * the same seed; and transformers swaps only the longest example into place, which can leave
 * the megabatch it came from unsorted, where this moves that example's whole batch.
 *
 * @example
 * lengthGroupedBatches([5, 90, 12, 60, 7, 33], { batchSize: 2, seed: 0, megabatchMultiplier: 3 });
 * // [[1, 3], [5, 2], [4, 0]]: one megabatch of 6, sorted by length, in batches of 2
 */
export function lengthGroupedBatches(
  lengths: readonly number[],
  options: LengthGroupedBatchesOptions,
): number[][] {
  validate(z.array(z.number().nonnegative()), lengths, 'lengthGroupedBatches lengths');
  const { batchSize, seed, megabatchMultiplier } = validate(
    lengthGroupedOptionsSchema,
    options,
    'lengthGroupedBatches options',
  );
  const lengthOf = (index: number) => lengths[index] as number;
  const multiplier =
    megabatchMultiplier ?? Math.max(1, Math.min(Math.floor(lengths.length / (batchSize * 4)), 50));
  const megabatchSize = batchSize * multiplier;

  const order = seededPermutation(lengths.length, seed);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += megabatchSize) {
    const megabatch = order
      .slice(start, start + megabatchSize)
      .sort((a, b) => lengthOf(b) - lengthOf(a));
    for (let offset = 0; offset < megabatch.length; offset += batchSize) {
      batches.push(megabatch.slice(offset, offset + batchSize));
    }
  }

  // Each batch is sorted, so its first example is its longest; the first maximum wins, as with
  // torch.argmax.
  const batchMaximum = (index: number) => lengthOf((batches[index] as number[])[0] as number);
  let longestBatch = 0;
  for (let index = 1; index < batches.length; index++) {
    if (batchMaximum(index) > batchMaximum(longestBatch)) longestBatch = index;
  }
  batches.unshift(...batches.splice(longestBatch, 1));
  return batches;
}
