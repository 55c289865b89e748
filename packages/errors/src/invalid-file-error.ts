import { S1Error } from './s1-error';

/** A file exists but could not be read as what it should be (bad JSON, wrong shape). */
export class InvalidFileError extends S1Error {
  /** The file's path, as given. */
  readonly file: string;

  constructor({ file, reason, cause }: { file: string; reason: string; cause?: unknown }) {
    super({ name: 'S1_InvalidFileError', message: `${file}: ${reason}`, cause });
    this.file = file;
  }

  /**
   * Whether `error` is an `InvalidFileError` (`S1_InvalidFileError`), from any copy of the package.
   */
  static override isInstance(error: unknown): error is InvalidFileError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidFileError';
  }
}
