import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureBackend, fixtureProblems, gradeLastNumber } from '../../test-utils/eval-fixture';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { budgetSweep } from './eval-config';
import { runEval } from './run-eval';
import { sampleKey } from './sample-record';

describe('runEval', () => {
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
