import { mapWithConcurrency } from '../difficulty/map-with-concurrency';
import type { SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem, RecordAccessors } from '../pool-record';

/**
 * A stage that adds one feature to every item and drops those whose feature is missing
 * (`undefined` or `null`), as s1 drops records whose features could not be computed.
 *
 * @example
 * featureStage('domain', 'domain', (item, fields) => classify(fields.question(item.row)));
 */
export function featureStage<Row, Value>(
  name: string,
  feature: string,
  compute: (
    item: PoolItem<Row>,
    accessors: RecordAccessors<Row>,
  ) => Value | undefined | null | Promise<Value | undefined | null>,
  options: { concurrency?: number | undefined } = {},
): SelectionStage<Row> {
  return {
    name,
    async run(items, { accessors, onProgress }) {
      let done = 0;
      const values = await mapWithConcurrency(items, options.concurrency ?? 8, async (item) => {
        const value = await compute(item, accessors);
        onProgress?.(++done, items.length);
        return value;
      });
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
