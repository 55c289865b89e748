import { BackendError } from '@s1/budget-forcing';
import { OutputExistsError } from '@s1/errors';
import { InvalidRecordError } from '@s1/sft-data';
import { describeFileSystemError } from './file-system-error';

/**
 * An error as the command line says it: in commands and flags, where the library's own message
 * names its options (`onInvalid: 'skip'`, the `lib` option).
 */
export function describeError(error: unknown, command: string | undefined): string {
  if (InvalidRecordError.isInstance(error)) {
    const where = `${error.file}, row ${error.row}${error.path === '' ? '' : `, ${error.path}`}`;
    const remedy =
      command === 'format'
        ? 'Fix the row, or pass --on-invalid skip to leave it out and list it in the report.'
        : 'Fix the row.';
    return `${where}: ${error.reason} (value: ${error.excerpt}). ${remedy}`;
  }
  if (OutputExistsError.isInstance(error)) {
    if (error.reason === 'other-files') return `--out ${error.message}`;
    return error.reason === 'not-empty'
      ? `--out ${error.path} exists and is not empty; choose another --out, or pass --force to replace it`
      : `--out ${error.path} is a file, not a folder; choose another --out`;
  }
  if (BackendError.isInstance(error) && error.missingPackage !== undefined) {
    return `this --runtime needs the package ${error.missingPackage}, which is not installed: npm install ${error.missingPackage}`;
  }
  const fileSystem = describeFileSystemError(error);
  if (fileSystem !== undefined) return fileSystem;
  return error instanceof Error ? error.message : String(error);
}
