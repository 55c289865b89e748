import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Staging entries sit beside their target, so every rename stays on one file system, and carry
// the writer's pid, so the next writer can tell the leftovers of a killed one from a live write:
// `.TARGET.PID.HEX.tmp`, and `.TARGET.PID.HEX.tmp.previous` for an old folder moved aside.
const stagingName = /^(\d+)\.[0-9a-f]+\.tmp(\.previous)?$/;

/** A fresh staging path for `target`, owned by this process. */
export function stagingPathFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

export interface StaleStagingEntry {
  path: string;
  /** An old target moved aside by a writer that died before moving the new one in. */
  previous: boolean;
}

/** The staging entries of `target` whose writer no longer runs. */
export async function staleStagingEntries(target: string): Promise<StaleStagingEntry[]> {
  const prefix = `.${basename(target)}.`;
  const parent = dirname(target);
  const entries = await readdir(parent).catch(() => [] as string[]);
  return entries.flatMap((entry) => {
    const match = entry.startsWith(prefix) ? stagingName.exec(entry.slice(prefix.length)) : null;
    if (match === null || isRunning(Number(match[1]))) return [];
    return [{ path: join(parent, entry), previous: match[2] !== undefined }];
  });
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
