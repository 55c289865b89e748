import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { fixtureProblems } from '../../test-utils/eval-fixture';
import { sampleKey } from './sample-record';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

const countLines = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '').length;

/**
 * Runs the child sweep. With `kill`, SIGKILLs it `kill.delayMs` after the results file has grown
 * by `kill.newLines` records, so the kill lands mid-run however fast the machine is; a child that
 * finishes first is fine.
 */
function runChild(
  output: string,
  kill?: { newLines: number; delayMs: number },
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@s1/source', 'test-utils/resumable-eval-child.ts', output],
      { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    let watcher: NodeJS.Timeout | undefined;
    if (kill !== undefined) {
      const linesAtStart = countLines(output);
      watcher = setInterval(async () => {
        if ((await countLines(output)) < (await linesAtStart) + kill.newLines) return;
        clearInterval(watcher);
        setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      }, 5);
    }
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(watcher);
      resolve(code);
    });
  });
}

describe('runEval through crashes', () => {
  it('should write each (problem, config, sample) exactly once through 10 SIGKILLs at random points', async () => {
    const output = join(await mkdtemp(join(tmpdir(), 's1-eval-')), 'runs.jsonl');
    const random = createSeededRandom(7);
    const below = (count: number) => Math.floor(random.uniform() * count);
    const linesAfterKill: number[] = [];
    for (let kill = 0; kill < 10; kill++) {
      await runChild(output, { newLines: 1 + below(2), delayMs: below(30) });
      linesAfterKill.push(await countLines(output));
    }
    expect(await runChild(output)).toBe(0);
    const records = (await readFile(output, 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    const keys = records.map(sampleKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(fixtureProblems.length * 2 * 2);
    // The kills landed mid-run: some progress was kept between them, and not all of it at once.
    expect(linesAfterKill.some((count) => count > 0 && count < keys.length)).toBe(true);
  });
});
