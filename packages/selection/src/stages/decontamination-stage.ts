import { validate } from '@s1/errors';
import { z } from 'zod';
import {
  type DecontaminateOptions,
  decontaminate,
  decontaminateOptionsShape,
  type QuestionSet,
  questionSetsSchema,
} from '../decontamination/decontaminate';
import type { DroppedItem, SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem } from '../pool-record';

/**
 * s1's decontamination and dedup (`data/decontaminate_util.py` in github.com/simplescaling/s1)
 * as a stage: the pool is split by source, in
 * the order sources first appear, and checked against the evaluation sets with word 8-grams,
 * cumulatively, then deduplicated exactly.
 *
 * @example
 * decontaminationStage({ evalSets: [{ name: 'math500', questions }, { name: 'aime24', questions: aime }] });
 */
export function decontaminationStage<Row>(
  options: DecontaminateOptions & { evalSets: readonly QuestionSet[] },
): SelectionStage<Row> {
  validate(
    z.strictObject({ ...decontaminateOptionsShape, evalSets: questionSetsSchema }),
    options,
    'decontaminationStage options',
  );
  const { evalSets, ...decontaminateOptions } = options;
  return {
    name: 'decontaminate',
    run(items, { accessors }) {
      const bySource = new Map<string, PoolItem<Row>[]>();
      for (const item of items) {
        const source = accessors.source(item.row) ?? '';
        const group = bySource.get(source);
        if (group === undefined) bySource.set(source, [item]);
        else group.push(item);
      }
      const groups = [...bySource];
      const sources = groups.map(([name, group]) => ({
        name,
        questions: group.map((item) => accessors.question(item.row)),
      }));
      const results = decontaminate(sources, [...evalSets], decontaminateOptions);
      const kept: PoolItem<Row>[] = [];
      const dropped: DroppedItem<Row>[] = [];
      results.forEach(({ decisions }, sourceIndex) => {
        const group = (groups[sourceIndex] as [string, PoolItem<Row>[]])[1];
        decisions.forEach((decision, index) => {
          const item = group[index] as PoolItem<Row>;
          if (decision.keep) kept.push(item);
          else if (decision.reason === 'contaminated') {
            dropped.push({
              item,
              reason: `contaminated: shares "${decision.ngram}" with ${decision.match.kind} ${decision.match.name} #${decision.match.index + 1}`,
            });
          } else {
            dropped.push({
              item,
              reason: `duplicate: of ${decision.duplicateOf.kind} ${decision.duplicateOf.name} #${decision.duplicateOf.index + 1}`,
            });
          }
        });
      });
      // Back to pool order, which grouping by source changed.
      const order = new Map(items.map((item, index) => [item, index]));
      kept.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
      return { kept, dropped };
    },
  };
}
