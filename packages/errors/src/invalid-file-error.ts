import { S1Error } from './s1-error';

/** A file exists but could not be read as what it should be (bad JSON, wrong shape). */
export class InvalidFileError extends S1Error {
  readonly file: string;

  constructor({ file, reason, cause }: { file: string; reason: string; cause?: unknown }) {
    super({ name: 'S1_InvalidFileError', message: `${file}: ${reason}`, cause });
    this.file = file;
  }

  static override isInstance(error: unknown): error is InvalidFileError {
    return S1Error.isInstance(error) && error.name === 'S1_InvalidFileError';
  }
}
