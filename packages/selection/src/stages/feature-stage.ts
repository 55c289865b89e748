import { functionSchema, validate } from '@s1/errors';
import pMap from 'p-map';
import { z } from 'zod';
import type { SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem, RecordAccessors } from '../pool-record';

/** Options of {@link featureStage}. */
export interface FeatureStageOptions<Row, Value> {
  /** The stage's name in reports and progress. */
  name: string;
  /** The feature's key in `item.features`, and in the reason of a drop. */
  feature: string;
  /** The feature of one item; `undefined` or `null` when it cannot be computed. */
  compute: (
    item: PoolItem<Row>,
    accessors: RecordAccessors<Row>,
  ) => Value | undefined | null | Promise<Value | undefined | null>;
  /** Items computed at once. @default 8 */
  concurrency?: number | undefined;
}

const featureStageOptionsSchema = z.strictObject({
  name: z.string().min(1),
  feature: z.string().min(1),
  compute: functionSchema<(...args: never[]) => unknown>(),
  concurrency: z.number().int().positive().optional(),
});

/**
 * A stage that adds one feature to every item and drops those whose feature is missing
 * (`undefined` or `null`), as s1 drops records whose features could not be computed.
 *
 * @example
 * featureStage({
 *   name: 'domain',
 *   feature: 'domain',
 *   compute: (item, fields) => classify(fields.question(item.row)),
 * });
 */
export function featureStage<Row, Value>(
  options: FeatureStageOptions<Row, Value>,
): SelectionStage<Row> {
  validate(featureStageOptionsSchema, options, 'featureStage options');
  const { name, feature, compute, concurrency = 8 } = options;
  return {
    name,
    async run(items, { accessors, onProgress }) {
      let done = 0;
      const values = await pMap(
        items,
        async (item) => {
          const value = await compute(item, accessors);
          onProgress?.(++done, items.length);
          return value;
        },
        { concurrency },
      );
      const kept: PoolItem<Row>[] = [];
      const dropped: { item: PoolItem<Row>; reason: string }[] = [];
      items.forEach((item, index) => {
        const value = values[index];
        if (value === undefined || value === null) {
          dropped.push({ item, reason: `missing feature: ${feature}` });
        } else {
          kept.push({ ...item, features: { ...item.features, [feature]: value } });
        }
      });
      return { kept, dropped };
    },
  };
}
