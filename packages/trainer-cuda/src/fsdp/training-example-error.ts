import { S1Error } from '@s1/errors';

/**
 * A tokenized example cannot be trained as given. `where` names it (`data[3].labels[17]`, or
 * `data` for the whole set), `index` is its 0-based position when one example is at fault.
 */
export class TrainingExampleError extends S1Error {
  /** The example or set at fault (`data[3].labels[17]`, or `data`). */
  readonly where: string;
  /** The 0-based position of the example at fault, when one is. */
  readonly index: number | undefined;

  constructor({
    where,
    index,
    problem,
    fix,
  }: {
    where: string;
    index?: number | undefined;
    problem: string;
    fix: string;
  }) {
    super({ name: 'S1_TrainingExampleError', message: `${where}: ${problem}. ${fix}` });
    this.where = where;
    this.index = index;
  }

  /**
   * Whether `error` is a `TrainingExampleError` (`S1_TrainingExampleError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is TrainingExampleError {
    return S1Error.isInstance(error) && error.name === 'S1_TrainingExampleError';
  }
}
