import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokenizer } from '@s1/chat-template';
import { questionHash } from '@s1/selection';
import { traceLength } from '@s1/selection/building-blocks';
import { describe, expect, it } from 'vitest';
// MATH-500 (the public openai/prm800k test split, MIT), the repository's copy.
import { math500File as math500 } from '../../../../tooling/eval-sets';
import { runCaptured as run } from '../../test-utils/run-captured';
import { bundledTokenizerFolder } from '../bundled-tokenizer';

const pool = async (records: readonly Record<string, unknown>[]) => {
  const folder = await mkdtemp(join(tmpdir(), 's1-cli-select-'));
  const input = join(folder, 'pool.jsonl');
  await writeFile(input, records.map((record) => JSON.stringify(record)).join('\n'));
  return { input, out: join(folder, 'out') };
};
const jsonLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
const generic = (question: string, extra: Record<string, unknown> = {}) => ({
  question,
  thinking: `Let me think about ${question} step by step.`,
  answer: '42',
  ...extra,
});

describe('s1 select', () => {
  it('should read a pool of 150,000 records', async () => {
    const { input, out } = await pool(
      Array.from({ length: 150_000 }, (_, index) => ({
        id: `r${index}`,
        ...generic(`Q${index}?`),
      })),
    );
    const result = await run(['select', '--input', input, '--stages', 'quality', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.counts[0]).toEqual({ stage: 'pool', records: 150_000 });
  });

  it('should run the four stages and write the selected and dropped records with reasons', async () => {
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
    const { input, out } = await pool([
      row('Solve for the unknown value in the linear equation three x plus five equals twenty.'),
      row('Compute the sum of all positive divisors of the integer one hundred and twenty.', {
        domain: 'Number theory',
      }),
      row('A figure [asy] draw(unitsquare); [/asy] is shown; find its area.'),
      row(firstMath500),
      row('What is the remainder when two to the power ten is divided by seven today?', {
        isqwen32bcorrect: true,
      }),
    ]);
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
    expect(
      (await jsonLines(join(out, 'selected.jsonl'))).map((record) => record.domain).sort(),
    ).toEqual(['Algebra', 'Number theory']);
    expect(
      (await jsonLines(join(out, 'dropped.jsonl'))).map(
        (record) => `${record.stage}: ${record.reason.split(':')[0]}`,
      ),
    ).toEqual(['quality: quality', 'decontaminate: contaminated', 'difficulty: solved']);
  }, 60_000);

  it('should report dropped records under their own id, else the question hash, or under --id-field', async () => {
    const { input, out } = await pool([
      generic('A figure [asy] draw(unitsquare); [/asy] is shown; find its area.', {
        id: 'q-17',
        uid: 'u1',
      }),
      generic('Another figure [asy] draw(unitcircle); [/asy] is shown; find its area.', {
        id: 42,
        uid: 'u2',
      }),
      generic('A third figure [asy] draw((0,0)--(1,1)); [/asy] is shown; find its length.'),
      generic('Compute the sum of all positive divisors of the integer one hundred and twenty.'),
    ]);
    const flags = ['select', '--input', input, '--out', out, '--stages', 'quality'];
    expect((await run(flags)).code).toBe(0);
    const ids = async () =>
      (await jsonLines(join(out, 'dropped.jsonl'))).map((record) => record.id);
    expect(await ids()).toEqual([
      'q-17',
      '42',
      questionHash('A third figure [asy] draw((0,0)--(1,1)); [/asy] is shown; find its length.'),
    ]);
    expect((await run([...flags, '--id-field', 'uid'])).code).toBe(0);
    expect((await ids()).slice(0, 2)).toEqual(['u1', 'u2']);
  }, 60_000);

  it('should refuse two questions under one id, naming the records and --id-field', async () => {
    const { input, out } = await pool([
      generic('What is two plus two, written as a whole number?', { id: 1 }),
      generic('What is three plus three, written as a whole number?', { id: 1 }),
    ]);
    const result = await run(['select', '--input', input, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /records #1 and #2 of the pool have the same id 1 \(field "id"\).*--id-field/,
    );
  });

  it('should select from generic {question, thinking, answer} records, warning once that no record has a domain', async () => {
    const { input, out } = await pool([
      generic('Compute the sum of all positive divisors of the integer one hundred and twenty.'),
      generic(
        'Solve for the unknown value in the linear equation three x plus five equals twenty.',
      ),
      generic('How many ways can five distinct books be arranged on a shelf in a row?'),
    ]);
    const result = await run(['select', '--input', input, '--n', '2', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: no record has a domain in field "domain" (--domain-field names another), so the 3 records count as one domain: --method s1 draws from the pool as a whole\n',
    );
    expect(result.stdout).toMatch(/pool\s+3\n.*\ntrace length\s+3\nsample \(s1\)\s+2\n/s);
    expect(await jsonLines(join(out, 'selected.jsonl'))).toHaveLength(2);
  }, 60_000);

  it('should exit 1 with the count of each reason when every record is dropped', async () => {
    const { input, out } = await pool([
      generic('A figure [asy] draw(unitsquare); [/asy] is shown; find its area.'),
      generic('Another figure [asy] draw(unitcircle); [/asy] is shown; find its area.'),
      { question: 'What is the remainder when two to the power ten is divided by seven today?' },
    ]);
    const result = await run(['select', '--input', input, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `no record selected: all 3 records were dropped, 2 at quality (quality), 1 at trace length (missing feature); ${join(out, 'dropped.jsonl')} says why for each.`,
    );
    expect(await jsonLines(join(out, 'dropped.jsonl'))).toHaveLength(3);
  }, 60_000);

  it('should exit 1 on an empty pool, saying so before any stage runs', async () => {
    const { input, out } = await pool([]);
    const result = await run(['select', '--input', input, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      's1: no record to select from: --input holds no records; give a file with at least one record\n',
    );
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('should rank by the tokens of every trace, counted in workers for a pool this large', async () => {
    // 600 traces make two workers; digits are a token each and repeated words few, so
    // characters would rank these the other way.
    const traces = Array.from({ length: 600 }, (_, index) =>
      index % 2 === 0 ? '7'.repeat(100 + index) : 'wait '.repeat(60 + index),
    );
    const { input, out } = await pool(
      traces.map((thinking, index) => ({
        id: `r${index}`,
        ...generic(`Question number ${index}: what is ${index} times seven, exactly?`),
        thinking,
      })),
    );
    const flags = ['--method', 'longest', '--n', '5', '--out', out];
    const result = await run(['select', '--input', input, ...flags]);
    expect(result.code).toBe(0);
    const tokenizer = await loadTokenizer(bundledTokenizerFolder());
    const longest = traces
      .map((trace, index) => ({ id: `r${index}`, tokens: traceLength(trace, tokenizer) }))
      .sort((a, b) => b.tokens - a.tokens)
      .slice(0, 5)
      .map(({ id }) => id);
    expect((await jsonLines(join(out, 'selected.jsonl'))).map((record) => record.id)).toEqual(
      longest,
    );
  }, 120_000);

  it('should load the tokenizer only for a sampler that ranks by trace length', async () => {
    const { input, out } = await pool([
      generic('Compute the sum of all positive divisors of the integer one hundred and twenty.'),
      generic('How many ways can five distinct books be arranged on a shelf in a row?'),
    ]);
    const flags = ['select', '--input', input, '--tokenizer', '/no/such/tokenizer', '--n', '1'];
    const random = await run([...flags, '--method', 'random', '--out', out]);
    expect(random.code).toBe(0);
    expect(random.stdout).toMatch(/trace length\s+2\nsample \(random\)\s+1\n/);
    const s1 = await run([...flags, '--method', 's1', '--out', out]);
    expect(s1.code).toBe(1);
    expect(s1.stderr).toContain('/no/such/tokenizer');
  }, 60_000);
});
