/**
 * Every example, run as its header says (`npx tsx examples/<name>.ts` from the repository root,
 * here `node --import tsx` on the Node.js of the tests) on the built packages, and checked by what
 * it prints and writes; and the backend of custom-runtime.ts through the conformance suite of
 * the backend spec.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { testBackend } from '@s1/budget-forcing/testing/vitest';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { run, userEnvironment } from '../tests/run-command.ts';
import { createTraceBackend } from './custom-runtime.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));

/** Runs an example to its end and returns what it printed; rejects, with its output, on a failure. */
async function runExample(name: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const command = ['--import', 'tsx', `examples/${name}`, ...args];
  const { stdout } = await run(process.execPath, command, {
    cwd: root,
    env: { ...userEnvironment(), ...env },
  });
  return stdout;
}

const lines = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n');
const scratch = (name: string) => mkdtemp(join(tmpdir(), `s1-examples-${name}-`));

describe('the examples', () => {
  it('render-s1-prompt.ts renders the prompt, masks a training example and parses an output', async () => {
    const output = await runExample('render-s1-prompt.ts');
    expect(output).toContain('<|im_start|>assistant\\n<|im_start|>think');
    expect(output).toMatch(/trained tokens: \d+ of \d+/);
    expect(output).toContain("answer: 'Answer: 3'");
  });

  it('custom-runtime.ts runs the controller on its own backend under each budget', async () => {
    const output = await runExample('custom-runtime.ts');
    expect(output).toContain('— no budget: 30 thinking tokens, ended by model');
    expect(output).toContain('— max 8 tokens: 8 thinking tokens, ended by budget');
    expect(output).toContain('thinking: "Spell it out: r-a-s"');
    expect(output).toContain('at positions 1, 7 and 8.\\nWait, recount the r');
    expect(output.match(/answer: {3}"Final Answer: 3"/g)).toHaveLength(3);
  });

  it('ai-sdk-middleware.ts caps thinking through the AI SDK, on its own loopback server', async () => {
    const output = await runExample('ai-sdk-middleware.ts');
    expect(output).toContain('— generateText, max 64: 32 thinking tokens, ended by model');
    expect(output).toContain('— generateText, max 8: 8 thinking tokens, ended by budget');
    expect(output).toContain('reasoning: "17 × 3 = "');
    expect(output).toContain('= 51.\nWait Check: 51 / 3 = 17.');
    expect(output).toContain('text:      The answer is 51.');
  });

  it('ai-sdk-middleware.ts uses the server and model that S1_BASE_URL and S1_MODEL name', async () => {
    const server = await startVllmCompatibleServer({
      tokenizer,
      servedModelName: 'my-model',
      model: createThinkingScript({
        tokenizer,
        thoughts: ['\nOn the given server.\n'],
        answer: '42',
      }),
    });
    try {
      const output = await runExample('ai-sdk-middleware.ts', [], {
        S1_BASE_URL: server.baseURL,
        S1_MODEL: 'my-model',
      });
      expect(output).toContain('reasoning: "On the given server."');
      // Two requests per call (thinking, answer), and one more where an end was suppressed.
      expect(server.completions()).toHaveLength(2 + 2 + 3);
    } finally {
      await server.close();
    }
  });

  it('select-new-dataset.ts selects from a pool with its own field names, and format-and-stats.ts formats the selection', async () => {
    const selection = await scratch('selection');
    const output = await runExample('select-new-dataset.ts', ['--out', selection]);
    expect(output).toContain(
      'pool 39 → missing fields 36 → quality 33 → difficulty 27 → domain 27 → trace length 27 → sample (s1) 10',
    );
    expect(output).toContain('pool-009  quality: external-link');
    expect(output).toContain('pool-001  solved: by calculator');
    const selected = (await lines(join(selection, 'selected.jsonl'))).map((line) =>
      JSON.parse(line),
    );
    expect(selected).toHaveLength(10);
    expect(selected.every((row) => row.topic !== 'arithmetic' && row.reasoning)).toBe(true);
    expect(await lines(join(selection, 'dropped.jsonl'))).toHaveLength(29);

    const formatted = await scratch('formatted');
    const input = join(selection, 'selected.jsonl');
    const stats = await runExample('format-and-stats.ts', ['--input', input, '--out', formatted]);
    expect(stats).toContain('10 examples formatted, 0 rows skipped');
    expect(stats).toContain('token lengths over 10 samples');
  });

  it('format-and-stats.ts formats the pool, skipping the rows without a trace or a solution', async () => {
    const out = await scratch('format');
    const output = await runExample('format-and-stats.ts', ['--out', out]);
    expect(output).toContain('37 examples formatted, 2 rows skipped');
    expect(output).toMatch(/row 12, answer: .*null/);
    expect(output).toMatch(/ {8}64 +37 \(100\.0%\)/);
    expect(output).toContain('masked:  "<|im_start|>system\\n');
    expect(output).toContain('trained: "<|im_start|>think\\nAdd the tens');
    expect(await readdir(out)).toEqual(expect.arrayContaining(['tokenized.parquet', 'stats.json']));
    expect(JSON.parse(await readFile(join(out, 'stats.json'), 'utf8'))).toMatchObject({
      examples: 37,
      statistics: { samples: 37 },
    });
  });

  it('eval-sweep.ts sweeps budgets, reports accuracy rising with them, and resumes', async () => {
    const out = await scratch('eval');
    const output = await runExample('eval-sweep.ts', ['--out', out]);
    expect(output).toContain('| max=8 | 4 | 4 | 25.0% |');
    expect(output).toContain('| max=32 | 4 | 4 | 75.0% |');
    expect(output).toContain('| max=64 | 4 | 4 | 100.0% |');
    expect(output).toContain(`report: ${join(out, 'report', 'report.html')}`);
    expect((await readdir(join(out, 'report'))).sort()).toEqual(
      ['accuracy.png', 'accuracy.svg', 'report.html', 'report.md', 'summary.json'].sort(),
    );
    // A second run finds every sample in the results file and runs none again.
    expect(await runExample('eval-sweep.ts', ['--out', out])).toBe(output);
    expect(await lines(join(out, 'results.jsonl'))).toHaveLength(16);
  });
});

testBackend({
  name: 'the trace model of custom-runtime.ts',
  create: () => createTraceBackend(tokenizer),
});
