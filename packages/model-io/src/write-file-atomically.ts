import { type FileHandle, open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file through a temporary file beside it, synced and renamed into place, so a crash
 * never leaves a half-written model; on failure the temporary file is removed.
 */
export async function writeFileAtomically(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await write(handle);
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}
