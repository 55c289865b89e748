import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRecordError, writeParquet } from '@s1/sft-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// MATH-500 (the public openai/prm800k test split, MIT), the repository's copy.
import { math500File } from '../../../../tooling/eval-sets';
import { rejection } from '../../../../tooling/rejection';
import { loadMath500 } from './load-math500';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'eval-math500-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('loadMath500', () => {
  it('should load the 500 problems with their unique ids', async () => {
    const { name, problems } = await loadMath500(math500File);
    expect(name).toBe('math500');
    expect(problems).toHaveLength(500);
    expect(new Set(problems.map((problem) => problem.id)).size).toBe(500);
    expect(problems[0]).toMatchObject({
      id: 'test/precalculus/807.json',
      prompt:
        'Convert the point $(0,3)$ in rectangular coordinates to polar coordinates.  Enter your answer in the form $(r,\\theta),$ where $r > 0$ and $0 \\le \\theta < 2 \\pi.$',
      answer: '\\left( 3, \\frac{\\pi}{2} \\right)',
      kind: 'math',
      meta: { subject: 'Precalculus', level: 2 },
    });
    expect(problems[0]?.meta).toHaveProperty('solution');
  });

  it('should load the same problems from Parquet as from JSONL', async () => {
    const rows = (await readFile(math500File, 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    const file = join(folder, 'test.parquet');
    await writeParquet(file, rows);
    expect(await loadMath500(file)).toEqual(await loadMath500(math500File));
  });

  it('should report an invalid JSON line and a missing unique_id by line', async () => {
    const file = join(folder, 'test.jsonl');
    const valid = JSON.stringify({ problem: 'p', answer: 'a', unique_id: 'u' });
    await writeFile(file, `${valid}\n\n{"problem": \n`);
    const error = await rejection(loadMath500(file));
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file, row: 3, path: '' });

    await writeFile(file, `${valid}\n${JSON.stringify({ problem: 'p', answer: 'a' })}\n`);
    expect(await rejection(loadMath500(file))).toMatchObject({ row: 2, path: 'unique_id' });
  });
});
