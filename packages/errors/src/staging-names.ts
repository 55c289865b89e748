import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Staging entries sit beside their target, so every rename stays on one file system, and carry
// the writer's pid, so the next writer can tell the leftovers of a killed one from a live write:
// `.TARGET.PID.HEX.tmp`, and `.TARGET.PID.HEX.tmp.previous` for an old folder moved aside.
const stagingName = /^(\d+)\.[0-9a-f]+\.tmp(\.previous)?$/;

// The staging paths of this process's writes under way. An entry with this process's pid and not
// in this set is a leftover of an earlier process that had the same pid.
const ownLiveStagingPaths = new Set<string>();

/** A fresh staging path for `target`, owned by this process until `releaseStagingPath`. */
export function stagingPathFor(target: string): string {
  const path = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  ownLiveStagingPaths.add(path);
  return path;
}

/** Marks a write as over: its staging entries, if any remain, are leftovers from now on. */
export function releaseStagingPath(path: string): void {
  ownLiveStagingPaths.delete(path);
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
    if (match === null) return [];
    const path = join(parent, entry);
    const previous = match[2] !== undefined;
    const pid = Number(match[1]);
    const live =
      pid === process.pid
        ? ownLiveStagingPaths.has(previous ? path.slice(0, -'.previous'.length) : path)
        : isRunning(pid);
    return live ? [] : [{ path, previous }];
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
