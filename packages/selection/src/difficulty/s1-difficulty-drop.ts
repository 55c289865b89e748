import type { DifficultyFeatures } from './difficulty-features';
import { UnknownSolverError } from './unknown-solver-error';

/**
 * The s1 difficulty rule (the difficulty filter of `data/filter.ipynb` in
 * github.com/simplescaling/s1): drop a question that any of the named solvers
 * solved. A null grade does not drop it (s1 removed those earlier, with the other NAs).
 *
 * @example
 * s1DifficultyDrop({ solvedBy: { qwen7b: false, qwen32b: true } }); // true
 * s1DifficultyDrop({ solvedBy: { qwen7b: false, qwen32b: null } }); // false
 */
export function s1DifficultyDrop(
  features: DifficultyFeatures,
  solvers: readonly string[] = ['qwen7b', 'qwen32b'],
): boolean {
  return solvers.some((solver) => {
    if (!(solver in features.solvedBy)) {
      throw new UnknownSolverError(solver, Object.keys(features.solvedBy));
    }
    return features.solvedBy[solver] === true;
  });
}
