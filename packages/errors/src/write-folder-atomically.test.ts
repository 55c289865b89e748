import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolderAtomically } from './write-folder-atomically';

// The pid of a process that has ended.
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

async function folderWith(path: string, files: Record<string, string>): Promise<void> {
  await mkdir(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(path, name), text);
}

describe('writeFolderAtomically', () => {
  it('should put the old folder back and clear the leftovers of a writer killed between its renames', async () => {
    const parent = await mkdtemp(join(tmpdir(), 's1-atomic-'));
    const target = join(parent, 'out');
    const pid = deadPid();
    // Killed after moving the old set aside, before moving the new one in.
    await folderWith(join(parent, `.out.${pid}.0badc0de.tmp.previous`), { 'a.txt': 'old' });
    await folderWith(join(parent, `.out.${pid}.0badc0de.tmp`), { 'a.txt': 'new, unfinished' });
    const seenBefore = await writeFolderAtomically(
      target,
      async (folder) => {
        await writeFile(join(folder, 'a.txt'), 'newer');
        return readFile(join(target, 'a.txt'), 'utf8');
      },
      { overwrite: true },
    );
    expect(seenBefore).toBe('old');
    expect(await readdir(parent)).toEqual(['out']);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('newer');
  });

  it('should leave alone the staging folder of a writer that is still running', async () => {
    const parent = await mkdtemp(join(tmpdir(), 's1-atomic-'));
    const running = join(parent, `.out.${process.ppid}.0badc0de.tmp`);
    await folderWith(running, { 'a.txt': 'in progress' });
    await writeFolderAtomically(
      join(parent, 'out'),
      (folder) => writeFile(join(folder, 'a.txt'), 'mine'),
      { overwrite: true },
    );
    expect((await readdir(parent)).sort()).toEqual([`.out.${process.ppid}.0badc0de.tmp`, 'out']);
  });

  it('should leave alone the staging folder of another write under way in this process', async () => {
    const parent = await mkdtemp(join(tmpdir(), 's1-atomic-'));
    const target = join(parent, 'out');
    await writeFolderAtomically(
      target,
      async (staging) => {
        await writeFile(join(staging, 'a.txt'), 'first');
        await writeFolderAtomically(target, (other) => writeFile(join(other, 'a.txt'), 'second'), {
          overwrite: false,
        });
        // The other write cleaned up before its own: this staging folder is not a leftover.
        expect(await readFile(join(staging, 'a.txt'), 'utf8')).toBe('first');
      },
      { overwrite: false },
    ).catch((error) => expect(error.name).toBe('S1_OutputExistsError'));
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('second');
  });

  it('should refuse to replace a folder holding files other than the output names, writing nothing', async () => {
    const parent = await mkdtemp(join(tmpdir(), 's1-atomic-'));
    const target = join(parent, 'out');
    await folderWith(target, { 'a.txt': 'old', 'notes.md': 'mine' });
    let wrote = false;
    const refused = writeFolderAtomically(
      target,
      async () => {
        wrote = true;
      },
      { overwrite: true, outputNames: ['a.txt'] },
    );
    await expect(refused).rejects.toMatchObject({
      reason: 'other-files',
      otherFiles: ['notes.md'],
    });
    expect(wrote).toBe(false);
    expect((await readdir(target)).sort()).toEqual(['a.txt', 'notes.md']);
    expect(await readdir(parent)).toEqual(['out']);
  });
});
