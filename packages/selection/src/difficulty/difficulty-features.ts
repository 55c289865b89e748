import { functionSchema, objectSchema, validate } from '@s1/errors';
import pMap from 'p-map';
import { z } from 'zod';
import type { PoolItem, RecordAccessors } from '../pool-record';
import type { Grader, Solver } from './solver-types';

/** Difficulty signal 1 of one item: which solvers got it right. */
export interface DifficultyFeatures {
  /** Per solver name: its graded attempt; null when there is no solution or no verdict. */
  solvedBy: Record<string, boolean | null>;
}

/** Options of {@link difficultyFeatures}. */
export interface DifficultyFeatureOptions<Row> {
  /** Solvers by the names the features carry (s1: `qwen7b`, `qwen32b`). */
  solvers: Readonly<Record<string, Solver>>;
  /** Judges each attempt against the item's answer. */
  grader: Grader;
  /** Read each item's question and reference answer. */
  accessors: Pick<RecordAccessors<Row>, 'question' | 'answer'>;
  /** Attempts (each a solve, then a grade) running at once. @default 4 */
  concurrency?: number | undefined;
}

/** The keys of `DifficultyFeatureOptions` but the accessors, which a stage gets from its pipeline. */
export const difficultyOptionsShape = {
  solvers: z.record(z.string(), functionSchema<Solver>('a solver function')),
  grader: functionSchema<Grader>('a grader function'),
  concurrency: z.number().int().positive().optional(),
} satisfies Record<Exclude<keyof DifficultyFeatureOptions<unknown>, 'accessors'>, z.ZodType>;
const optionsSchema = z.strictObject({
  ...difficultyOptionsShape,
  accessors: objectSchema<DifficultyFeatureOptions<unknown>['accessors']>(
    'an object of record accessors',
  ),
});

/**
 * Difficulty signal 1 (s1's `data/bulk_inference.py` and `data/featurization.py`,
 * github.com/simplescaling/s1): every solver attempts every question and the grader
 * judges each attempt against the item's answer. Items without an answer get null for every
 * solver and cost no call. Results keep the order of `items`.
 *
 * @example
 * const features = await difficultyFeatures(items, {
 *   solvers: { qwen7b: createBackendSolver({ backend: qwen7b }), qwen32b: createBackendSolver({ backend: qwen32b }) },
 *   grader: createLlmGrader({ backend: judge }),
 *   accessors,
 * });
 * // [{ solvedBy: { qwen7b: false, qwen32b: true } }, …]
 */
export async function difficultyFeatures<Row>(
  items: readonly PoolItem<Row>[],
  options: DifficultyFeatureOptions<Row>,
): Promise<DifficultyFeatures[]> {
  validate(optionsSchema, options, 'difficulty feature options');
  const { solvers, grader, accessors } = options;
  const names = Object.keys(solvers);
  const attempts = items.flatMap((item, itemIndex) =>
    names.map((name) => ({ itemIndex, name, row: item.row })),
  );
  const grades = await pMap(
    attempts,
    async ({ name, row }) => {
      const solution = accessors.answer(row);
      // Without a reference the grade is null whatever the attempt says: skip the call.
      if (solution === undefined) return null;
      const question = accessors.question(row);
      const attempt = await (solvers[name] as Solver)(question);
      return grader({ question, attempt, solution });
    },
    { concurrency: options.concurrency ?? 4 },
  );
  const features = items.map((): DifficultyFeatures => ({ solvedBy: {} }));
  attempts.forEach(({ itemIndex, name }, index) => {
    (features[itemIndex] as DifficultyFeatures).solvedBy[name] = grades[index] ?? null;
  });
  return features;
}
