import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';
import { bundledTokenizerFolder } from '../bundled-tokenizer';

let server: Awaited<ReturnType<typeof startVllmCompatibleServer>>;
let problemsFile: string;

beforeAll(async () => {
  const tokenizer = await loadTokenizer(bundledTokenizerFolder());
  const model = createThinkingScript({
    tokenizer,
    thoughts: ['\n12 × 12 = 144.\n', ' Check: 144.\n'],
    answer: 'It is $\\boxed{144}$.',
  });
  server = await startVllmCompatibleServer({ model, tokenizer });
  problemsFile = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'problems.jsonl');
  const problems = [
    { id: 'a', problem: 'What is 12 × 12?', answer: '144' },
    { id: 'b', problem: 'What is 12²?', answer: '\\frac{288}{2}' },
    { id: 'c', problem: 'What is 11 × 13?', answer: '143' },
  ];
  await writeFile(problemsFile, problems.map((problem) => JSON.stringify(problem)).join('\n'));
});
afterAll(async () => {
  await server.close();
});

describe('s1 eval', () => {
  it('should sweep, grade offline, write the report, and refuse to overwrite without --resume', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    const flags = [
      'eval',
      problemsFile,
      '--benchmark',
      'problems',
      '--base-url',
      server.baseURL,
      '--model',
      's1',
      '--out',
      out,
      '--max',
      '4,32',
    ];
    const first = await run(flags);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // 144 = 288/2 by the equivalence checker; 143 is wrong: 2 of 3 at both budgets.
    expect(first.stdout).toMatch(/\| max=4 \| 3 \| 3 \| 66\.7% \|/);
    expect(first.stdout).toMatch(/\| max=32 \| 3 \| 3 \| 66\.7% \|/);
    expect(first.stdout).toMatch(/6 samples \(0 from an earlier run\)/);
    expect((await readdir(out)).sort()).toEqual([
      'accuracy.png',
      'accuracy.svg',
      'report.html',
      'report.md',
      'results.jsonl',
      'summary.json',
    ]);
    const again = await run(flags);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/--resume/);
    const resumed = await run([...flags, '--resume']);
    expect(resumed.stdout).toMatch(/6 samples \(6 from an earlier run\)/);
  }, 60_000);
});
