import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a folder beside `target` and renames it into place, so `target` is either what it was
 * or complete, never half-written; a failed write leaves nothing behind. An existing `target` is
 * replaced (moved aside, then removed) only with `replace`; without it, the rename fails on one
 * that is not empty.
 */
export async function writeFolderAtomically(
  target: string,
  write: (folder: string) => Promise<void>,
  { replace = false }: { replace?: boolean } = {},
): Promise<void> {
  // Same parent, so the renames stay on one file system.
  const staging = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await write(staging);
    if (replace) {
      const previous = `${staging}.previous`;
      const moved = await rename(target, previous).then(
        () => true,
        () => false,
      );
      await rename(staging, target);
      if (moved) await rm(previous, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
