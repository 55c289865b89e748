import type { DomainPool } from './domain-pools';
import { type RandomSource, uniformIndex } from './random-source';
import type { SamplePick, SampleResult } from './sample-pick';
import { SamplingError } from './sampling-error';
import { weightedIndex } from './weighted-index';

/** After `after` selections, draw domains with these weights instead of uniformly. */
export interface BenchmarkPhase {
  /** Selections after which the weights apply. */
  after: number;
  /** Weight per domain; renormalised over the domains whose pools are not empty. */
  weights: Readonly<Record<string, number>>;
}

export interface DomainLoop<Item> {
  n: number;
  random: RandomSource;
  /** Emptied by the loop. */
  pools: DomainPool<Item>[];
  /** Which index of a pool of this size to take. */
  drawWithin: (size: number, random: RandomSource) => number;
  /** Whether the index drawn is a length rank worth reporting. */
  ranked: boolean;
  kept: readonly SamplePick<Item>[];
  benchmarkPhase?: BenchmarkPhase | undefined;
}

/**
 * The loop shared by the domain samplers (the sampling loop of `data/filter.ipynb` in
 * github.com/simplescaling/s1): draw a domain among those with
 * items left, draw an item in it, remove it, and drop emptied domains, until `n` are selected or
 * the pools are empty. Drawing an item already kept removes it and adds nothing, as in s1.
 */
export function sampleByDomain<Item extends { id: string }>(
  loop: DomainLoop<Item>,
): SampleResult<Item> {
  const { pools, random, benchmarkPhase } = loop;
  const picks = [...loop.kept];
  const selected = new Set(picks.map((pick) => pick.item.id));
  while (picks.length < loop.n && pools.length > 0) {
    const benchmark = benchmarkPhase !== undefined && picks.length >= benchmarkPhase.after;
    const poolIndex = benchmark
      ? benchmarkPoolIndex(pools, benchmarkPhase.weights, random)
      : uniformIndex(pools.length, random);
    const pool = pools[poolIndex] as DomainPool<Item>;
    const rank = loop.drawWithin(pool.items.length, random);
    const [item] = pool.items.splice(rank, 1) as [Item];
    if (pool.items.length === 0) pools.splice(poolIndex, 1);
    if (selected.has(item.id)) continue;
    selected.add(item.id);
    picks.push({
      item,
      domain: pool.domain,
      via: benchmark ? 'benchmark' : 'uniform',
      ...(loop.ranked ? { rank } : {}),
    });
  }
  return { items: picks.map((pick) => pick.item), picks };
}

function benchmarkPoolIndex<Item>(
  pools: readonly DomainPool<Item>[],
  weights: Readonly<Record<string, number>>,
  random: RandomSource,
): number {
  const poolWeights = pools.map((pool) => weights[pool.domain] ?? 0);
  if (!poolWeights.some((weight) => weight > 0)) {
    // s1's notebook would fail here too (numpy cannot normalise all-zero probabilities).
    throw new SamplingError({
      message:
        'every domain with a benchmark weight is empty; lower benchmarkPhase.after, or give weights to more domains',
    });
  }
  return weightedIndex(poolWeights, random);
}
