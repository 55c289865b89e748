import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThinkingScript, startVllmCompatibleServer } from '@s1/budget-forcing/testing';
import { loadTokenizer } from '@s1/chat-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured as run } from '../../test-utils/run-captured';
import { bundledTokenizerFolder } from '../bundled-tokenizer';

let server: Awaited<ReturnType<typeof startVllmCompatibleServer>>;
// Thinking that starts on the line of its delimiter, as models often write it.
let sameLineServer: Awaited<ReturnType<typeof startVllmCompatibleServer>>;
let problemsFile: string;

beforeAll(async () => {
  const tokenizer = await loadTokenizer(bundledTokenizerFolder());
  const model = createThinkingScript({
    tokenizer,
    thoughts: ['\n12 × 12 = 144.\n', ' Check: 144.\n'],
    answer: 'It is $\\boxed{144}$.',
  });
  server = await startVllmCompatibleServer({ model, tokenizer });
  sameLineServer = await startVllmCompatibleServer({
    model: createThinkingScript({
      tokenizer,
      thoughts: [' 12 × 12 = 144.\nCheck: 144.\n'],
      answer: 'It is $\\boxed{144}$.',
    }),
    tokenizer,
  });
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
  await sameLineServer.close();
});

/** `s1 eval` of the three problems against `target`, writing to `out`, with more flags. */
const evalFlags = (target: { baseURL: string }, out: string, ...flags: string[]) => [
  'eval',
  problemsFile,
  '--benchmark',
  'problems',
  '--base-url',
  target.baseURL,
  '--model',
  's1',
  '--out',
  out,
  ...flags,
];
const sameLineFlags = (out: string, max: string) =>
  evalFlags(sameLineServer, out, '--limit', '1', '--max', max);
const reportFiles = ['accuracy.png', 'accuracy.svg', 'report.html', 'report.md', 'summary.json'];
/** `results.jsonl` beside the `report/` folder, which holds the report files and nothing else. */
const expectOutput = async (out: string) => {
  expect((await readdir(out)).sort()).toEqual(['report', 'results.jsonl']);
  expect((await readdir(join(out, 'report'))).sort()).toEqual(reportFiles);
};

describe('s1 eval', () => {
  it('should sweep, grade offline, write the report, and refuse to overwrite without --resume', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    const flags = evalFlags(server, out, '--max', '4,32');
    const first = await run(flags);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // 144 = 288/2 by the equivalence checker; 143 is wrong: 2 of 3 at both budgets.
    expect(first.stdout).toMatch(/\| max=4 \| 3 \| 3 \| 66\.7% \|/);
    expect(first.stdout).toMatch(/\| max=32 \| 3 \| 3 \| 66\.7% \|/);
    expect(first.stdout).toMatch(/6 samples \(0 from an earlier run\)/);
    await expectOutput(out);
    expect(first.stdout).toContain(`report: ${join(out, 'report', 'report.md')}`);
    const again = await run(flags);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/--resume/);
    const resumed = await run([...flags, '--resume']);
    expect(resumed.stdout).toMatch(/6 samples \(6 from an earlier run\)/);
    await expectOutput(out);
  }, 60_000);

  it('should replace the report folder as a whole, and refuse one that holds other files', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    const flags = evalFlags(server, out, '--max', '4', '--limit', '1');
    expect((await run([...flags, '--title', 'first'])).code).toBe(0);
    const second = await run([...flags, '--resume', '--title', 'second']);
    expect(second.code).toBe(0);
    expect(await readFile(join(out, 'report', 'report.md'), 'utf8')).toContain('second');
    await expectOutput(out);
    await writeFile(join(out, 'report', 'notes.txt'), 'mine');
    const refused = await run([...flags, '--resume']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('notes.txt');
    expect(await readFile(join(out, 'report', 'notes.txt'), 'utf8')).toBe('mine');
  }, 60_000);

  it('should start afresh over the empty results file a run that failed at once left', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    await mkdir(out);
    await writeFile(join(out, 'results.jsonl'), '');
    const { code, stdout } = await run(evalFlags(server, out, '--max', '4', '--limit', '1'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 samples \(0 from an earlier run\)/);
  });

  it('should cap answers at --max-answer', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    const before = server.completions().length;
    const { code } = await run(
      evalFlags(server, out, '--limit', '1', '--max', '32', '--max-answer', '3'),
    );
    expect(code).toBe(0);
    // The last request of a sample is its answer.
    expect(server.completions().slice(before).at(-1)?.body.max_tokens).toBe(3);
    const [record] = (await readFile(join(out, 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record.answerTokens).toBeLessThanOrEqual(3);
  });

  it('should write the report and exit 0 when configurations count 0 thinking tokens, rows in sweep order', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    // Cut at 4 or 8 tokens, the thinking has not left the line of "<|im_start|>think", which the
    // reference count drops: 0 tokens. At 32 it reaches "Check: 144.", a line that counts.
    const flags = [...sameLineFlags(out, '32,4,8'), '--ignore', '1,0'];
    const first = await run(flags);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const configs = ['4', '8', '32'].flatMap((max) => [
      `max=${max},ignore=0`,
      `max=${max},ignore=1`,
    ]);
    const rows = configs.map((config) => first.stdout.indexOf(`| ${config} | 1 | 1 | 100.0% |`));
    expect(rows.every((index) => index > 0)).toBe(true);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(first.stdout).toContain('Not in Control, Scaling, Performance or the plot:');
    expect(first.stdout).toMatch(
      /^- max=4,ignore=0: average thinking tokens 0: compute_sample_stats/m,
    );
    const summary = JSON.parse(await readFile(join(out, 'report', 'summary.json'), 'utf8'));
    expect(summary.leftOut.map((entry: { config: string }) => entry.config)).toEqual(
      configs.slice(0, 4),
    );
    expect(summary.performance).toBe(1);
    expect(await readdir(join(out, 'report'))).toContain('report.md');
    const resumed = await run([...flags, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/6 samples \(6 from an earlier run\)/);
  }, 60_000);

  it('should write the report and exit 0 when no configuration counts a thinking token', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 's1-cli-eval-')), 'run');
    const result = await run(sameLineFlags(out, '4,8'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Control n/a · Scaling n/a');
    expect(result.stdout).toMatch(/^- max=4: average thinking tokens 0/m);
    expect(result.stdout).toMatch(/^- max=8: average thinking tokens 0/m);
    await expectOutput(out);
  }, 60_000);
});
