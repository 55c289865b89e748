import { validate } from '@s1/errors';
import { z } from 'zod';
import { longestFirst } from './canonical-order';
import { itemFunctionSchema, sampleSizeSchema } from './sample-options-schema';

const optionsSchema = z.strictObject({
  n: sampleSizeSchema,
  lengthOf: itemFunctionSchema,
});

/**
 * The longest-1K ablation (paper Table 2, `data_ablation_longest1K`): the `n` items with the
 * longest traces, longest first; equal lengths go in id order. Ids must be unique.
 *
 * @example
 * longestSample(pool, { n: 1000, lengthOf: (item) => item.features.traceLength as number });
 */
export function longestSample<
  Item extends {
    /** A unique id: it orders the pool, so the result does not depend on input order. */
    id: string;
  },
>(items: readonly Item[], options: { n: number; lengthOf: (item: Item) => number }): Item[] {
  validate(optionsSchema, options, 'longestSample options');
  return longestFirst(items, options.lengthOf).slice(0, options.n);
}
