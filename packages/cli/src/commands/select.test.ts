import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';

const math500 = fileURLToPath(
  new URL('../../../../../shared/data/math500/test.jsonl', import.meta.url),
);

describe('s1 select', () => {
  it('should run the four stages and write the selected and dropped records with reasons', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's1-cli-select-'));
    const firstMath500 = JSON.parse(
      (await readFile(math500, 'utf8')).split('\n')[0] as string,
    ).problem;
    const row = (question: string, extra: Record<string, unknown> = {}) => ({
      question,
      solution: 's',
      source_type: 'qfq/openaimath/Algebra',
      thinking_trajectories: [`thinking about ${question}`],
      domain: 'Algebra',
      isqwen7bcorrect: false,
      isqwen32bcorrect: false,
      ...extra,
    });
    const pool = [
      row('Solve for the unknown value in the linear equation three x plus five equals twenty.'),
      row('Compute the sum of all positive divisors of the integer one hundred and twenty.', {
        domain: 'Number theory',
      }),
      row('A figure [asy] draw(unitsquare); [/asy] is shown; find its area.'),
      row(firstMath500),
      row('What is the remainder when two to the power ten is divided by seven today?', {
        isqwen32bcorrect: true,
      }),
    ];
    const input = join(folder, 'pool.jsonl');
    await writeFile(input, pool.map((record) => JSON.stringify(record)).join('\n'));
    const out = join(folder, 'out');
    const result = await run([
      'select',
      '--input',
      input,
      '--eval-sets',
      math500,
      '--n',
      '2',
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pool\s+5\nquality\s+4\ndecontaminate\s+3\ndifficulty\s+2\n/);
    const lines = async (name: string) =>
      (await readFile(join(out, name), 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line));
    expect((await lines('selected.jsonl')).map((record) => record.domain).sort()).toEqual([
      'Algebra',
      'Number theory',
    ]);
    expect(
      (await lines('dropped.jsonl')).map(
        (record) => `${record.stage}: ${record.reason.split(':')[0]}`,
      ),
    ).toEqual(['quality: quality', 'decontaminate: contaminated', 'difficulty: solved']);
  }, 60_000);
});
