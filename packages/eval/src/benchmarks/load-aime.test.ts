import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotFoundError } from '@s1/errors';
import { InvalidRecordError } from '@s1/sft-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// AIME 2024 (s1's public "aime24_nofigures" set), the repository's copy.
import { aime24File } from '../../../../tooling/eval-sets';
import { rejection } from '../../../../tooling/rejection';
import { loadAime } from './load-aime';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'eval-aime-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function jsonl(rows: unknown[]): Promise<string> {
  const file = join(folder, 'aime.jsonl');
  await writeFile(file, rows.map((row) => JSON.stringify(row)).join('\n'));
  return file;
}

describe('loadAime', () => {
  it('should load the 30 AIME 2024 problems with golds normalised as the harness does', async () => {
    const { name, problems } = await loadAime(aime24File, { name: 'aime24_nofigures' });
    expect(name).toBe('aime24_nofigures');
    expect(problems).toHaveLength(30);
    expect(problems.map((problem) => problem.id)).toEqual(
      Array.from({ length: 30 }, (_, index) => String(60 + index)),
    );
    const byId = new Map(problems.map((problem) => [problem.id, problem]));
    expect(byId.get('75')?.answer).toBe('73'); // "073" in the file
    expect(byId.get('78')?.answer).toBe('23'); // "023"
    expect(byId.get('60')?.answer).toBe('204');
    expect(problems.every((problem) => /^[1-9][0-9]*$|^0$/.test(problem.answer))).toBe(true);
  });

  it('should use the problem text as the prompt and keep solution and url in meta', async () => {
    const [first] = (await loadAime(aime24File)).problems;
    expect(first?.kind).toBe('integer');
    expect(first?.prompt).toMatch(/^Every morning Aya goes for a \$9\$-kilometer-long walk/);
    expect(first?.meta).toHaveProperty('url');
    expect(first?.meta).toHaveProperty('solution');
    expect(first?.meta).not.toHaveProperty('problem');
  });

  it('should fall back to `question`, numeric answers and row-number ids', async () => {
    const file = await jsonl([{ question: 'What is 1 + 1?', answer: 2 }]);
    expect((await loadAime(file)).problems).toEqual([
      { id: '1', prompt: 'What is 1 + 1?', answer: '2', kind: 'integer', meta: {} },
    ]);
  });

  it('should report a row without a problem, naming file, line and field', async () => {
    const file = await jsonl([
      { id: 1, problem: 'p', answer: '1' },
      { id: 2, answer: '7' },
    ]);
    const error = await rejection(loadAime(file));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 2, path: 'problem' });
  });

  it('should report an answer of the wrong type', async () => {
    const file = await jsonl([{ id: 1, problem: 'p', answer: null }]);
    expect(await rejection(loadAime(file))).toMatchObject({ row: 1, path: 'answer' });
  });

  it('should throw FileNotFoundError for a missing file', async () => {
    const error = await rejection(loadAime(join(folder, 'missing.jsonl')));
    expect(FileNotFoundError.isInstance(error)).toBe(true);
  });
});
