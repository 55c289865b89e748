import { S1Error } from './s1-error';

/**
 * An output folder exists and holds something (or is a file), and may not be replaced; or it
 * holds files that are not a previous output of the same kind, which replacing it would destroy.
 */
export class OutputExistsError extends S1Error {
  /** The output folder. */
  readonly path: string;
  /**
   * `not-empty`: it holds something and overwriting was not allowed; `not-a-folder`: it is a
   * file; `other-files`: it holds files that are not a previous output.
   */
  readonly reason: 'not-empty' | 'not-a-folder' | 'other-files';
  /** For `other-files`: the files that are not a previous output. */
  readonly otherFiles: readonly string[];

  constructor({
    path,
    reason,
    otherFiles = [],
  }: {
    path: string;
    reason: OutputExistsError['reason'];
    otherFiles?: readonly string[];
  }) {
    const messages = {
      'not-empty': `${path} already exists and is not empty: choose another folder, or allow replacing it (overwrite: true).`,
      'not-a-folder': `${path} exists and is a file, not a folder: choose another path.`,
      'other-files': `${path} holds files that are not a previous output (${otherFiles.slice(0, 3).join(', ')}${otherFiles.length > 3 ? ', …' : ''}), which replacing it would delete: choose an empty or new folder.`,
    };
    super({ name: 'S1_OutputExistsError', message: messages[reason] });
    this.path = path;
    this.reason = reason;
    this.otherFiles = otherFiles;
  }

  /**
   * Whether `error` is an `OutputExistsError` (`S1_OutputExistsError`), from any copy of the
   * package.
   */
  static override isInstance(error: unknown): error is OutputExistsError {
    return S1Error.isInstance(error) && error.name === 'S1_OutputExistsError';
  }
}
