import { S1Error } from '@s1/errors';

/**
 * The pool that `s1 select` read cannot give a selection: two questions under one id, or no
 * record left after the stages. `fix` says which flag or file to look at.
 */
export class SelectionInputError extends S1Error {
  /** The files of `--input`. */
  readonly input: readonly string[];
  readonly problem: string;
  readonly fix: string;

  constructor({ input, problem, fix }: { input: readonly string[]; problem: string; fix: string }) {
    super({ name: 'S1_SelectionInputError', message: `${problem}; ${fix}` });
    this.input = input;
    this.problem = problem;
    this.fix = fix;
  }

  static override isInstance(error: unknown): error is SelectionInputError {
    return S1Error.isInstance(error) && error.name === 'S1_SelectionInputError';
  }
}
