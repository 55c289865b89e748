import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from './write-file-atomically';

// The pid of a process that has ended.
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 's1-atomic-file-'));
}

describe('writeFileAtomically', () => {
  it('should write text, bytes and streamed content, leaving only the file', async () => {
    const parent = await folder();
    const path = join(parent, 'a.txt');
    await writeFileAtomically(path, 'text');
    expect(await readFile(path, 'utf8')).toBe('text');
    await writeFileAtomically(path, new Uint8Array([104, 105]));
    expect(await readFile(path, 'utf8')).toBe('hi');
    await writeFileAtomically(path, (temporaryPath) => writeFile(temporaryPath, 'streamed'));
    expect(await readFile(path, 'utf8')).toBe('streamed');
    expect(await readdir(parent)).toEqual(['a.txt']);
  });

  it('should keep the old file and remove the temporary one when the write fails', async () => {
    const parent = await folder();
    const path = join(parent, 'a.txt');
    await writeFile(path, 'old');
    const failing = writeFileAtomically(path, async (temporaryPath) => {
      await writeFile(temporaryPath, 'half');
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(parent)).toEqual(['a.txt']);
  });

  it('should run beforeReplace with the new content on disk and the old still in place', async () => {
    const parent = await folder();
    const path = join(parent, 'a.txt');
    await writeFile(path, 'old');
    let seen: string[] = [];
    await writeFileAtomically(path, 'new', {
      beforeReplace: async () => {
        const names = await readdir(parent);
        const staged = names.find((name) => name !== 'a.txt') ?? '';
        seen = [await readFile(path, 'utf8'), await readFile(join(parent, staged), 'utf8')];
      },
    });
    expect(seen).toEqual(['old', 'new']);
  });

  it('should remove the temporary files of killed writers and keep those of running ones', async () => {
    const parent = await folder();
    const dead = `.a.txt.${deadPid()}.0badc0de.tmp`;
    const running = `.a.txt.${process.ppid}.0badc0de.tmp`;
    const unrelated = `.b.txt.${deadPid()}.0badc0de.tmp`;
    for (const name of [dead, running, unrelated]) await writeFile(join(parent, name), 'half');
    await writeFileAtomically(join(parent, 'a.txt'), 'new');
    expect((await readdir(parent)).sort()).toEqual([running, unrelated, 'a.txt'].sort());
  });

  it('should let writes in one process to one path overlap, each landing whole', async () => {
    const parent = await folder();
    const path = join(parent, 'a.txt');
    // A leftover of an earlier process that had this pid is not a write under way.
    const leftover = `.a.txt.${process.pid}.0badc0de.tmp`;
    await writeFile(join(parent, leftover), 'half');
    await writeFileAtomically(path, async (temporaryPath) => {
      await writeFile(temporaryPath, 'first');
      // A second write starts and ends while the first one's temporary file exists.
      await writeFileAtomically(path, 'second');
      expect(await readFile(path, 'utf8')).toBe('second');
    });
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(parent)).toEqual(['a.txt']);
  });
});
