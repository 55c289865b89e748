import { S1Error } from '@s1/errors';

/** A rule names a solver the features do not carry (a misspelt name would silently keep all). */
export class UnknownSolverError extends S1Error {
  constructor(solver: string, known: readonly string[]) {
    super({
      name: 'S1_UnknownSolverError',
      message: `the difficulty features have no solver "${solver}"; they have: ${known.join(', ') || 'none'}. Pass the solver names used in difficultyFeatures`,
    });
  }
}
