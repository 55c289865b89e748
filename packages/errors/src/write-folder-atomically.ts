import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputExistsError } from './output-exists-error';
import { releaseStagingPath, stagingPathFor, staleStagingEntries } from './staging-names';

/** Options of {@link writeFolderAtomically}. */
export interface WriteFolderAtomicallyOptions {
  /** Replace a non-empty `target` (else it is refused). */
  overwrite: boolean;
  /**
   * The names a previous output holds: with `overwrite`, a `target` holding any other file is
   * refused, since replacing it would delete that file.
   */
  outputNames?: readonly string[] | undefined;
}

/**
 * Writes a set of files as one: `write` fills a folder beside `target`, which is then renamed
 * into place, so `target` is either as it was or complete, and a failure leaves nothing behind.
 * A non-empty `target` is refused before `write` runs, unless `overwrite`; then it is moved
 * aside, and put back if the rename fails. A process killed between those two renames leaves no
 * `target` and the old set under `.NAME.PID.HEX.tmp.previous`; the next write to `target` puts it
 * back before anything else (there is no atomic exchange of two folders in Node.js).
 */
export async function writeFolderAtomically<Result>(
  target: string,
  write: (folder: string) => Promise<Result>,
  { overwrite, outputNames }: WriteFolderAtomicallyOptions,
): Promise<Result> {
  await recoverInterruptedWrites(target);
  const existing = await folderState(target);
  if (existing === 'not-a-folder') {
    throw new OutputExistsError({ path: target, reason: 'not-a-folder' });
  }
  if (existing === 'not-empty' && !overwrite) {
    throw new OutputExistsError({ path: target, reason: 'not-empty' });
  }
  if (existing === 'not-empty' && outputNames !== undefined) {
    const known = new Set(outputNames);
    const otherFiles = (await readdir(target)).filter((name) => !known.has(name));
    if (otherFiles.length > 0) {
      throw new OutputExistsError({ path: target, reason: 'other-files', otherFiles });
    }
  }
  await mkdir(dirname(target), { recursive: true });
  const staging = stagingPathFor(target);
  try {
    await mkdir(staging);
    const result = await write(staging);
    if (existing === 'not-empty') await replaceFolder(staging, target);
    else {
      // Windows cannot rename onto a folder, even an empty one.
      if (existing === 'empty') await rmdir(target);
      await renameOrRefuse(staging, target);
    }
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    releaseStagingPath(staging);
  }
}

/**
 * Cleans up after a writer of `target` that was killed: its staging folders are removed, and if
 * it died between moving the old `target` aside and moving the new one in, the old one is put
 * back. Folders of writers still running are left alone.
 */
async function recoverInterruptedWrites(target: string): Promise<void> {
  const stale = await staleStagingEntries(target);
  const previous = stale.find((entry) => entry.previous);
  if (previous !== undefined && (await folderState(target)) === 'missing') {
    await rename(previous.path, target);
  }
  await Promise.all(stale.map((entry) => rm(entry.path, { recursive: true, force: true })));
}

async function folderState(
  path: string,
): Promise<'missing' | 'empty' | 'not-empty' | 'not-a-folder'> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return 'missing';
  if (!info.isDirectory()) return 'not-a-folder';
  return (await readdir(path)).length === 0 ? 'empty' : 'not-empty';
}

async function replaceFolder(staging: string, target: string): Promise<void> {
  const previous = `${staging}.previous`;
  await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(previous, target);
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

/** A `target` that appeared meanwhile is refused, not replaced. */
async function renameOrRefuse(staging: string, target: string): Promise<void> {
  try {
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new OutputExistsError({ path: target, reason: 'not-empty' });
    }
    throw error;
  }
}
