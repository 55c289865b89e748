import { type FileHandle, open } from 'node:fs/promises';
import { writeFileAtomically } from '@s1/errors';

/**
 * `writeFileAtomically` through an open file handle, for the model writers that write a file in
 * parts: a crash never leaves a half-written model.
 */
export function writeFileThroughHandle(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  return writeFileAtomically(path, async (temporaryPath) => {
    const handle = await open(temporaryPath, 'wx');
    try {
      await write(handle);
    } finally {
      await handle.close();
    }
  });
}
