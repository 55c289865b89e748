// What an operating-system error on a path means, in words; the codes a user can act on.
const meanings: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'no space is left on the device',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
};

// The hidden staging names of atomic writes (`.NAME.PID.HEX.tmp`), as the path the user gave.
const stagingName = /(^|\/)\.([^/]+)\.\d+\.[0-9a-f]+\.tmp(?:\.previous)?(?=\/|$)/g;

/**
 * An operating-system error on a path (`ENOTDIR: not a directory, lstat 'x/.y.123.ab.tmp'`), as a
 * sentence about the path the user named, or undefined for any other error.
 */
export function describeFileSystemError(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const meaning = meanings[code];
  if (meaning === undefined) return undefined;
  return `cannot use ${path.replace(stagingName, '$1$2')}: ${meaning} (${code})`;
}
