import { S1Error } from '@s1/errors';

/**
 * A model folder, data set or option the trainer cannot use: `where` names the file, row or
 * option, `problem` says what is wrong and `fix` what to do.
 */
export class TrainingInputError extends S1Error {
  /** The file, row or option at fault. */
  readonly where: string;

  constructor({
    where,
    problem,
    fix,
    cause,
  }: { where: string; problem: string; fix: string; cause?: unknown }) {
    super({ name: 'S1_TrainingInputError', message: `${where}: ${problem}. ${fix}`, cause });
    this.where = where;
  }

  /**
   * Whether `error` is a `TrainingInputError` (`S1_TrainingInputError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is TrainingInputError {
    return S1Error.isInstance(error) && error.name === 'S1_TrainingInputError';
  }
}

/** The loss stopped being a number; the last good checkpoint is kept. */
export class TrainingDivergedError extends S1Error {
  /** The step whose loss was not a number. */
  readonly step: number;
  /** The folder of the last good checkpoint, if one was written. */
  readonly lastCheckpoint: string | undefined;

  constructor({
    step,
    value,
    lastCheckpoint,
  }: { step: number; value: number; lastCheckpoint: string | undefined }) {
    super({
      name: 'S1_TrainingDivergedError',
      message: `The loss of step ${step} is ${value}: training stopped there. ${
        lastCheckpoint === undefined
          ? 'No checkpoint was written before it.'
          : `The last good checkpoint is ${lastCheckpoint}.`
      } Lower the learning rate (or raise the warm-up), check the data for extreme lengths, then train again${
        lastCheckpoint === undefined ? '' : ' with resume'
      }.`,
    });
    this.step = step;
    this.lastCheckpoint = lastCheckpoint;
  }

  /**
   * Whether `error` is a `TrainingDivergedError` (`S1_TrainingDivergedError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is TrainingDivergedError {
    return S1Error.isInstance(error) && error.name === 'S1_TrainingDivergedError';
  }
}
