import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { fixtureBackend, fixtureProblems, gradeLastNumber } from '../../test-utils/eval-fixture';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { budgetSweep } from './eval-config';
import { runEval } from './run-eval';
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

describe('runEval', () => {
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
  }, 120_000);

  it('should run every sample once and not again when resumed', async () => {
    const output = join(await mkdtemp(join(tmpdir(), 's1-eval-')), 'runs.jsonl');
    const options = {
      problems: fixtureProblems,
      backend: fixtureBackend(await qwen25Tokenizer()),
      sweep: budgetSweep({ max: [8, 64], ignoreEnd: [0, 1] }),
      samples: 2,
      output,
      grade: gradeLastNumber,
    };
    const first = await runEval(options);
    expect(first.records).toHaveLength(6 * 4 * 2);
    expect(first.resumed).toBe(0);
    const again = await runEval(options);
    expect(again.resumed).toBe(6 * 4 * 2);
    expect(again.records).toEqual(first.records);
    const capped = first.records.filter((record) => record.config.startsWith('max=8'));
    expect(capped.every((record) => record.thinkingTokens <= 8 && record.max === 8)).toBe(true);
  });

  it('should cut a last line torn by a kill mid-append and run its sample again, once', async () => {
    const output = join(await mkdtemp(join(tmpdir(), 's1-eval-')), 'runs.jsonl');
    const options = {
      problems: fixtureProblems,
      backend: fixtureBackend(await qwen25Tokenizer()),
      sweep: budgetSweep({ max: [8] }),
      output,
      grade: gradeLastNumber,
    };
    const complete = await runEval(options);
    const lines = (await readFile(output, 'utf8')).split('\n').filter((line) => line !== '');
    // The file as a kill during the last append leaves it: that line half written, no newline.
    const last = lines.at(-1) as string;
    await writeFile(
      output,
      lines
        .slice(0, -1)
        .map((line) => `${line}\n`)
        .join(''),
    );
    await appendFile(output, last.slice(0, Math.floor(last.length / 2)));
    const resumed = await runEval(options);
    expect(resumed.resumed).toBe(complete.records.length - 1);
    expect(resumed.records.map(sampleKey).sort()).toEqual(complete.records.map(sampleKey).sort());
    const text = await readFile(output, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(complete.records.length);
  });
});
