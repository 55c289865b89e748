import { createSeededRandom, validate } from '@s1/errors';
import { z } from 'zod';
import { byId } from './canonical-order';
import { domainPools } from './domain-pools';
import { uniformIndex } from './random-source';
import { sampleByDomain } from './sample-by-domain';
import { itemFunctionSchema, sampleSizeSchema, seedSchema } from './sample-options-schema';
import type { SampleResult } from './sample-pick';

const optionsSchema = z.strictObject({
  n: sampleSizeSchema,
  seed: seedSchema,
  domainOf: itemFunctionSchema,
});

/**
 * The diverse-1K ablation (paper Table 2, `data_ablation_diverse1K`): like the s1 sampler, a
 * domain is drawn uniformly among those with items left, but the item inside it is drawn
 * uniformly too, ignoring length. Ids must be unique.
 *
 * @example
 * const { items } = diverseSample(pool, {
 *   n: 1000,
 *   seed: 0,
 *   domainOf: (item) => item.features.domain as string,
 * });
 */
export function diverseSample<
  Item extends {
    /** A unique id: it orders the pool, so the result does not depend on input order. */
    id: string;
  },
>(
  items: readonly Item[],
  options: { n: number; seed: number; domainOf: (item: Item) => string },
): SampleResult<Item> {
  validate(optionsSchema, options, 'diverseSample options');
  return sampleByDomain({
    n: options.n,
    random: createSeededRandom(options.seed).uniform,
    pools: domainPools(byId(items), options.domainOf),
    drawWithin: uniformIndex,
    ranked: false,
    kept: [],
  });
}
