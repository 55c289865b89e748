import { S1Error } from './s1-error';

/** An output folder exists and holds something (or is a file), and may not be replaced. */
export class OutputExistsError extends S1Error {
  readonly path: string;
  readonly reason: 'not-empty' | 'not-a-folder';

  constructor({ path, reason }: { path: string; reason: 'not-empty' | 'not-a-folder' }) {
    super({
      name: 'S1_OutputExistsError',
      message:
        reason === 'not-empty'
          ? `${path} already exists and is not empty: choose another folder, or allow replacing it (overwrite: true).`
          : `${path} exists and is a file, not a folder: choose another path.`,
    });
    this.path = path;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is OutputExistsError {
    return S1Error.isInstance(error) && error.name === 'S1_OutputExistsError';
  }
}
