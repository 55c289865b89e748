import { createSeededRandom, validate } from '@s1/errors';
import { z } from 'zod';
import { byId } from './canonical-order';
import { uniformIndex } from './random-source';
import { sampleSizeSchema, seedSchema } from './sample-options-schema';

const optionsSchema = z.strictObject({ n: sampleSizeSchema, seed: seedSchema });

/**
 * The 1K-random ablation (paper Table 2): `n` items drawn uniformly without replacement, in the
 * order drawn. Like the s1 sampler, the result depends on the pool and the seed, not on input
 * order. Ids must be unique.
 *
 * @example
 * randomSample(pool, { n: 1000, seed: 0 }).length; // 1000, or the pool's size if smaller
 */
export function randomSample<
  Item extends {
    /** A unique id: it orders the pool, so the result does not depend on input order. */
    id: string;
  },
>(items: readonly Item[], options: { n: number; seed: number }): Item[] {
  validate(optionsSchema, options, 'randomSample options');
  const random = createSeededRandom(options.seed).uniform;
  const remaining = byId(items);
  const count = Math.min(options.n, remaining.length);
  // A partial Fisher–Yates shuffle: position `next` takes a uniform pick from the rest.
  for (let next = 0; next < count; next++) {
    const pick = next + uniformIndex(remaining.length - next, random);
    [remaining[next], remaining[pick]] = [remaining[pick] as Item, remaining[next] as Item];
  }
  return remaining.slice(0, count);
}
