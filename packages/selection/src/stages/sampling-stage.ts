import { validate } from '@s1/errors';
import { z } from 'zod';
import type { SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem } from '../pool-record';
import { diverseSample } from '../sampling/diverse-sample';
import { fullPool } from '../sampling/full-pool';
import { longestSample } from '../sampling/longest-sample';
import { randomSample } from '../sampling/random-sample';
import { s1Sample } from '../sampling/s1-sample';
import type { BenchmarkPhase } from '../sampling/sample-by-domain';
import {
  benchmarkPhaseSchema,
  sampleSizeSchema,
  seedSchema,
} from '../sampling/sample-options-schema';

const samplingMethods = ['s1', 'random', 'diverse', 'longest', 'full'] as const;

/**
 * The s1 sampler, or one of the Table 2 ablations (`full` keeps the whole pool).
 *
 * @useDeclaredType
 */
export type SamplingMethod = (typeof samplingMethods)[number];

/**
 * Whether a method reads trace lengths: the others never look at them, so a selection that
 * uses one can skip counting tokens (`traceLengthStage({ count: false })`).
 */
export function ranksByLength(method: SamplingMethod): boolean {
  return method === 's1' || method === 'longest';
}

/** Options of {@link samplingStage}. */
export interface SamplingStageOptions {
  /** How many items to select. */
  n: number;
  /** Seed of the sampler's draws. @default 0 */
  seed?: number | undefined;
  /** The sampler. @default 's1' */
  method?: SamplingMethod | undefined;
  /** The s1 notebook's second phase (s1 method only). */
  benchmarkPhase?: BenchmarkPhase | undefined;
  /** Ids selected before sampling (s1 method only). */
  keptOutright?: readonly string[] | undefined;
}

const samplingStageOptionsSchema = z.strictObject({
  n: sampleSizeSchema,
  seed: seedSchema.optional(),
  method: z.enum(samplingMethods).optional(),
  benchmarkPhase: benchmarkPhaseSchema.optional(),
  keptOutright: z.array(z.string()).readonly().optional(),
});

/**
 * The last stage: `n` items by the s1 sampler (a domain uniformly, then 2^(−rank) by trace
 * length) or an ablation preset. Domains and lengths come from earlier stages' features
 * (`domain`, `traceLength`) or the record's own fields.
 *
 * @example
 * samplingStage({ n: 1000, seed: 0 });
 */
export function samplingStage<Row>(options: SamplingStageOptions): SelectionStage<Row> {
  validate(samplingStageOptionsSchema, options, 'samplingStage options');
  const method = options.method ?? 's1';
  return {
    name: `sample (${method})`,
    run(items, { accessors }) {
      const domainOf = (item: PoolItem<Row>) =>
        (item.features.domain as string | undefined) ?? accessors.domain(item.row) ?? 'unknown';
      const lengthOf = (item: PoolItem<Row>) =>
        (item.features.traceLength as number | undefined) ??
        (accessors.trace(item.row) ?? '').length;
      const { n, seed = 0 } = options;
      const selected: PoolItem<Row>[] =
        method === 's1'
          ? s1Sample(items, {
              n,
              seed,
              domainOf,
              lengthOf,
              benchmarkPhase: options.benchmarkPhase,
              keptOutright: options.keptOutright,
            }).items
          : method === 'diverse'
            ? diverseSample(items, { n, seed, domainOf }).items
            : method === 'random'
              ? randomSample(items, { n, seed })
              : method === 'longest'
                ? longestSample(items, { n, lengthOf })
                : fullPool(items);
      const chosen = new Set(selected.map((item) => item.id));
      return {
        kept: selected,
        dropped: items
          .filter((item) => !chosen.has(item.id))
          .map((item) => ({ item, reason: `not sampled: ${method} sample of ${n}` })),
      };
    },
  };
}
