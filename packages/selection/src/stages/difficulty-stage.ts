import { InvalidArgumentError, validate } from '@s1/errors';
import { z } from 'zod';
import {
  type DifficultyFeatureOptions,
  difficultyFeatures,
  difficultyOptionsShape,
} from '../difficulty/difficulty-features';
import { s1DifficultyDrop } from '../difficulty/s1-difficulty-drop';
import type { DroppedItem, SelectionStage } from '../pipeline/selection-stage';
import type { PoolItem } from '../pool-record';

/**
 * s1's difficulty filter (`data/bulk_inference.py`, `data/featurization.py` and
 * `data/filter.ipynb` in github.com/simplescaling/s1) as a stage: every solver attempts each
 * question, the grader judges each attempt, and a question any of `dropIfSolvedBy` solved is
 * dropped. Features `solvedBy` are kept on the survivors. Give the solvers and grader a cache
 * (`createCallCache`) to make the stage resumable.
 *
 * @example
 * difficultyStage({ solvers: { qwen7b, qwen32b }, grader });
 */
export function difficultyStage<Row>(
  options: Omit<DifficultyFeatureOptions<Row>, 'accessors'> & {
    /** @default every solver */
    dropIfSolvedBy?: readonly string[] | undefined;
  },
): SelectionStage<Row> {
  validate(
    z.strictObject({
      ...difficultyOptionsShape,
      dropIfSolvedBy: z.array(z.string()).readonly().optional(),
    }),
    options,
    'difficultyStage options',
  );
  const { dropIfSolvedBy, ...featureOptions } = options;
  const names = dropIfSolvedBy ?? Object.keys(options.solvers);
  const unknown = names.filter((name) => !Object.hasOwn(options.solvers, name));
  if (unknown.length > 0) {
    throw new InvalidArgumentError({
      argument: 'difficultyStage options',
      issues: [
        {
          path: 'dropIfSolvedBy',
          message: `${unknown.map((name) => `"${name}"`).join(', ')} is not among the solvers (${Object.keys(options.solvers).join(', ')})`,
        },
      ],
    });
  }
  return {
    name: 'difficulty',
    async run(items, { accessors }) {
      const features = await difficultyFeatures(items, { ...featureOptions, accessors });
      const kept: PoolItem<Row>[] = [];
      const dropped: DroppedItem<Row>[] = [];
      items.forEach((item, index) => {
        const itemFeatures = features[index] as (typeof features)[number];
        if (s1DifficultyDrop(itemFeatures, names)) {
          const solvers = names.filter((name) => itemFeatures.solvedBy[name] === true);
          dropped.push({ item, reason: `solved: by ${solvers.join(', ')}` });
        } else {
          kept.push({ ...item, features: { ...item.features, ...itemFeatures } });
        }
      });
      return { kept, dropped };
    },
  };
}
