import type { PoolItem, RecordAccessors } from '../pool-record';
import type { DroppedItem, SelectionStage } from './selection-stage';

/**
 * A stage that drops each item its rule gives a reason for, and keeps the rest.
 *
 * @example
 * filterStage('missing fields', (item, fields) => (fields.answer(item.row) ? undefined : 'no solution'));
 */
export function filterStage<Row>(
  name: string,
  dropReason: (item: PoolItem<Row>, accessors: RecordAccessors<Row>) => string | undefined,
): SelectionStage<Row> {
  return {
    name,
    run(items, { accessors }) {
      const kept: PoolItem<Row>[] = [];
      const dropped: DroppedItem<Row>[] = [];
      for (const item of items) {
        const reason = dropReason(item, accessors);
        if (reason === undefined) kept.push(item);
        else dropped.push({ item, reason });
      }
      return { kept, dropped };
    },
  };
}
