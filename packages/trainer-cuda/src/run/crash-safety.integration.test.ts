import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { tinyTrainingFolder } from '../../test-utils/tiny-training-folder';
import { train } from './train';

const packageFolder = new URL('../../', import.meta.url);

// Runs the training child until it prints `stepsBeforeKill` more steps, then waits up to
// `delayMs` and SIGKILLs it; resolves when it has exited. A child that finishes first is fine.
function runUntilKilled(
  options: object,
  stepsBeforeKill: number,
  delayMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@s1/source',
        'test-utils/train-child.ts',
        JSON.stringify(options),
      ],
      { cwd: packageFolder, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let seen = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      seen = output.split('\n').filter((line) => line.startsWith('step ')).length;
      if (seen >= stepsBeforeKill) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(output);
      else reject(new Error(`the training child failed (${code}): ${errors}`));
    });
  });
}

describe('training after crashes', () => {
  it('should end with the same weights, bit for bit, after SIGKILLs at random points and resumes', async () => {
    const examples = Array.from({ length: 12 }, (_, index) => {
      const ids = [0, ...Array.from({ length: 5 }, (_, offset) => 1 + ((index + offset) % 14))];
      return { input_ids: ids, labels: ids.map((id, position) => (position === 0 ? -100 : id)) };
    });
    const { folder, model, data } = await tinyTrainingFolder({
      prefix: 's1-crash-',
      seed: 6,
      examples,
    });
    const settings = {
      model,
      data,
      epochs: 4,
      batchSize: 2,
      gradientAccumulation: 1,
      learningRate: 3e-3,
      stepsPerCall: 1,
      saveEvery: 1,
      keepCheckpoints: 1,
      exportFinal: false,
      threads: 1,
    };
    await train({ ...settings, outDir: join(folder, 'straight') });

    const crashed = join(folder, 'crashed');
    const random = createSeededRandom(5);
    for (let kill = 0; kill < 6; kill++) {
      await runUntilKilled(
        { ...settings, outDir: crashed, resume: true },
        1 + Math.floor(random.uniform() * 3),
        Math.floor(random.uniform() * 150),
      );
    }
    const last = await runUntilKilled(
      { ...settings, outDir: crashed, resume: true },
      Number.POSITIVE_INFINITY,
      0,
    );
    expect(last).toContain('done');

    const final = async (run: string) => {
      const checkpoints = await readdir(join(folder, run, 'checkpoints'));
      return readFile(
        join(folder, run, 'checkpoints', checkpoints.at(-1) as string, 'state.safetensors'),
      );
    };
    expect(
      (await readdir(join(crashed, 'checkpoints'))).filter((entry) => entry.startsWith('.')),
    ).toEqual([]);
    expect(Buffer.compare(await final('crashed'), await final('straight'))).toBe(0);
    const steps = (await readFile(join(crashed, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).step);
    expect(steps).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
  });
});
