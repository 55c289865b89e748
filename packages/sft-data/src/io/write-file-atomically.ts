import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Runs `write` on a temporary file beside `target`, then renames it into place, so readers never
 * see a half-written file and a failed write leaves the old file untouched. The temporary file
 * is removed when `write` or the rename fails.
 */
export async function writeFileAtomically(
  target: string,
  write: (temporaryPath: string) => Promise<void> | void,
): Promise<void> {
  // Same folder, so the rename stays on one file system and is atomic.
  const temporaryPath = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await write(temporaryPath);
    await rename(temporaryPath, target);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
