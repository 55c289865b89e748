import { type Stats, stat } from 'node:fs';
import { promisify } from 'node:util';

const statAsync = promisify(stat);

/** `fs.stat`, or undefined when the path does not exist or cannot be read. */
export async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await statAsync(path);
  } catch {
    return undefined;
  }
}
