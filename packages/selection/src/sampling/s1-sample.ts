import { createSeededRandom, validate } from '@s1/errors';
import { z } from 'zod';
import { byId, longestFirst } from './canonical-order';
import { domainPools } from './domain-pools';
import { drawRank } from './draw-rank';
import { type BenchmarkPhase, sampleByDomain } from './sample-by-domain';
import {
  benchmarkPhaseSchema,
  itemFunctionSchema,
  sampleSizeSchema,
  seedSchema,
} from './sample-options-schema';
import type { SamplePick, SampleResult } from './sample-pick';
import { SamplingError } from './sampling-error';

/** Options of {@link s1Sample}. */
export interface S1SampleOptions<Item> {
  /** How many to select, kept items included. */
  n: number;
  /** Seed of the draws: a pool and a seed give one result. */
  seed: number;
  /** The item's domain (s1: its MSC2020 area). */
  domainOf: (item: Item) => string;
  /** The trace length (s1: Qwen2.5 tokens of the Gemini trace). */
  lengthOf: (item: Item) => number;
  /** s1's notebook: `{ after: 700, weights: benchmarkDomainWeights(…) }`. */
  benchmarkPhase?: BenchmarkPhase | undefined;
  /** Ids selected before sampling (s1: 393 benchmark-like questions); they stay in the pools. */
  keptOutright?: readonly string[] | undefined;
}

const optionsSchema = z.strictObject({
  n: sampleSizeSchema,
  seed: seedSchema,
  domainOf: itemFunctionSchema,
  lengthOf: itemFunctionSchema,
  benchmarkPhase: benchmarkPhaseSchema.optional(),
  keptOutright: z.array(z.string()).optional(),
});

/**
 * The s1 sampler (`data/filter.ipynb` in github.com/simplescaling/s1; the s1 paper,
 * arXiv 2501.19393, Algorithm 1). The kept items come first; then, until `n`
 * are selected, it picks a domain uniformly among those with items left (or, after
 * `benchmarkPhase.after` selections, by the benchmark weights), ranks that domain's items by
 * length, longest first, and draws rank `k` with weight `2^(−k)`. Equal lengths rank in id order;
 * domains are taken in name order; so a pool and a seed give one result, whatever the input
 * order. Ids must be unique.
 *
 * @example
 * const { items, picks } = s1Sample(pool, {
 *   n: 1000,
 *   seed: 0,
 *   domainOf: (item) => item.features.domain as string,
 *   lengthOf: (item) => item.features.traceLength as number,
 * });
 * picks[0]; // { item, domain: 'Geometry', via: 'uniform', rank: 0 }
 */
export function s1Sample<
  Item extends {
    /** A unique id: it orders the pool, so the result does not depend on input order. */
    id: string;
  },
>(items: readonly Item[], options: S1SampleOptions<Item>): SampleResult<Item> {
  validate(optionsSchema, options, 's1Sample options');
  const { n, domainOf } = options;
  const ordered = longestFirst(items, options.lengthOf);
  return sampleByDomain({
    n,
    random: createSeededRandom(options.seed).uniform,
    pools: domainPools(ordered, domainOf),
    drawWithin: drawRank,
    ranked: true,
    kept: keptPicks(ordered, options.keptOutright ?? [], n, domainOf),
    benchmarkPhase: options.benchmarkPhase,
  });
}

function keptPicks<Item extends { id: string }>(
  items: readonly Item[],
  ids: readonly string[],
  n: number,
  domainOf: (item: Item) => string,
): SamplePick<Item>[] {
  const byIdMap = new Map(items.map((item) => [item.id, item]));
  const kept = byId(
    [...new Set(ids)].map((id) => {
      const item = byIdMap.get(id);
      if (item === undefined) {
        throw new SamplingError({ message: `keptOutright names ${id}, which is not in the pool` });
      }
      return item;
    }),
  );
  if (kept.length > n) {
    throw new SamplingError({
      message: `keptOutright holds ${kept.length} items, more than n = ${n}; raise n or keep fewer`,
    });
  }
  return kept.map((item) => ({ item, domain: domainOf(item), via: 'kept' }));
}
