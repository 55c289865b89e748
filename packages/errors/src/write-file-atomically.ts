import { open, rename, rm, writeFile } from 'node:fs/promises';
import { releaseStagingPath, stagingPathFor, staleStagingEntries } from './staging-names';

/** Fills the temporary file at `temporaryPath` (which does not exist yet): for streamed output. */
export type FileWriter = (temporaryPath: string) => Promise<void>;

/** Options of {@link writeFileAtomically}. */
export interface WriteFileAtomicallyOptions {
  /** Runs after the new content is on disk, just before it replaces `path`. */
  beforeReplace?: (() => Promise<void>) | undefined;
}

/**
 * Writes a file so readers see the old content or the new, never a mix: a temporary file beside
 * it (`.NAME.PID.HEX.tmp`), synced to disk, then renamed over it. A failure removes the
 * temporary file; one left by a writer that was killed is removed by the next write to `path`.
 *
 * @example
 * await writeFileAtomically('out/summary.json', JSON.stringify(summary));
 * await writeFileAtomically('out/big.jsonl', async (temporaryPath) => streamRowsTo(temporaryPath));
 */
export async function writeFileAtomically(
  path: string,
  content: string | Uint8Array | FileWriter,
  options: WriteFileAtomicallyOptions = {},
): Promise<void> {
  // Hand-written rather than write-file-atomic: its temporary names cannot be told apart from a
  // live writer's after a SIGKILL, and it cannot stream.
  const stale = await staleStagingEntries(path);
  await Promise.all(stale.map((entry) => rm(entry.path, { recursive: true, force: true })));
  const temporaryPath = stagingPathFor(path);
  try {
    if (typeof content === 'function') await content(temporaryPath);
    else await writeFile(temporaryPath, content, { flag: 'wx' });
    const handle = await open(temporaryPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeReplace?.();
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  } finally {
    releaseStagingPath(temporaryPath);
  }
}
