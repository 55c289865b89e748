import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileNotFoundError, InvalidArgumentError } from '@s1/errors';
import { InvalidRecordError } from '@s1/sft-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import { rejection } from '../../../../tooling/rejection';
import { loadGpqaDiamond } from './load-gpqa-diamond';

const csvFile = new URL('./__fixtures__/gpqa-diamond-sample.csv', import.meta.url).pathname;
// Written by CPython 3.11 running __fixtures__/python-shuffles.py over the CSV fixture.
const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/python-shuffles.json', import.meta.url), 'utf8'),
) as {
  gpqa: {
    csvSha256: string;
    runs: {
      seed: number;
      documents: { id: string; prompt: string; choices: string[]; answer: string }[];
    }[];
  };
};
const runOf = (seed: number) => reference.gpqa.runs.find((run) => run.seed === seed)?.documents;

const header =
  'Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3,Record ID';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'eval-gpqa-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function csv(text: string): Promise<string> {
  const file = join(folder, 'gpqa.csv');
  await writeFile(file, text);
  return file;
}

describe('loadGpqaDiamond', () => {
  it('should use a reference written from the current CSV fixture', () => {
    const sha256 = createHash('sha256').update(readFileSync(csvFile)).digest('hex');
    expect(sha256, 'rerun python3 python-shuffles.py in __fixtures__').toBe(
      reference.gpqa.csvSha256,
    );
  });

  it('should shuffle the choices as the s1 harness does (Python random.seed(0))', async () => {
    const { name, problems } = await loadGpqaDiamond(csvFile, { shuffle: 'python-seed-0' });
    expect(name).toBe('gpqa_diamond');
    expect(
      problems.map(({ id, prompt, choices, answer }) => ({ id, prompt, choices, answer })),
    ).toEqual(runOf(0));
    expect(problems.every((problem) => problem.kind === 'choice')).toBe(true);
  });

  it('should default to the harness shuffle', async () => {
    const { problems } = await loadGpqaDiamond(csvFile);
    expect(problems.map((problem) => problem.answer)).toEqual(runOf(0)?.map((doc) => doc.answer));
  });

  it('should shuffle with another seed as Python random.Random(seed)', async () => {
    const { problems } = await loadGpqaDiamond(csvFile, { shuffle: { seed: 12345 } });
    expect(problems.map(({ prompt, answer }) => ({ prompt, answer }))).toEqual(
      runOf(12345)?.map(({ prompt, answer }) => ({ prompt, answer })),
    );
  });

  it('should keep the harness list order with shuffle none, gold D', async () => {
    const { problems } = await loadGpqaDiamond(csvFile, { shuffle: 'none' });
    const [first] = problems;
    expect(problems.map((problem) => problem.answer)).toEqual(['D', 'D', 'D', 'D', 'D']);
    expect(first?.choices).toEqual(['E_n ∝ n^2', 'E_n ∝ n^(1/2)', 'E_n ∝ n', 'E_n ∝ n^(2/3)']);
  });

  it('should keep quoted commas, line breaks and quotes, and the other columns in meta', async () => {
    const { problems } = await loadGpqaDiamond(csvFile, { shuffle: 'none' });
    const second = problems[1];
    expect(second?.prompt).toContain(
      'with "Tollens\' reagent" and sees no silver mirror.\nWhich functional group, ketone,',
    );
    expect(second?.choices).toContain('a carboxylic acid, "free"');
    expect(second?.meta).toMatchObject({
      Subdomain: 'Organic Chemistry',
      'High-level domain': 'Chemistry',
      Explanation: 'No silver mirror rules out an aldehyde;\nthe formula fits a cyclic ketone.',
    });
    expect(second?.meta).not.toHaveProperty('Question');
  });

  it('should report an empty required field with its file, line and column', async () => {
    const file = await csv(`${header}\nq1,c,i1,i2,i3,r1\n"q2\nstill q2",c,i1,,i3,r2\n`);
    const error = await rejection(loadGpqaDiamond(file));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 3, path: 'Incorrect Answer 2' });
  });

  it('should report a row with the wrong number of fields', async () => {
    const file = await csv(`${header}\nq1,c,i1,i2,i3\n`);
    expect(await rejection(loadGpqaDiamond(file))).toMatchObject({ row: 2, path: '' });
  });

  it('should report a missing column on every row', async () => {
    const file = await csv('Question,Correct Answer\nq,c\n');
    expect(await rejection(loadGpqaDiamond(file))).toMatchObject({
      row: 2,
      path: 'Incorrect Answer 1',
    });
  });

  it('should throw FileNotFoundError for a missing file', async () => {
    const error = await rejection(loadGpqaDiamond(join(folder, 'missing.csv')));
    expect(FileNotFoundError.isInstance(error)).toBe(true);
  });

  it('should reject an unknown shuffle option', async () => {
    const error = await rejection(
      loadGpqaDiamond(csvFile, { shuffle: 'python-seed-1' as 'python-seed-0' }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});

testGoldenFreshness({
  script: 'python-shuffles.py',
  cwd: fileURLToPath(new URL('./__fixtures__/', import.meta.url)),
});
