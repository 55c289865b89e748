import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, InvalidFileError } from '@s1/errors';
import { InvalidRecordError } from '@s1/sft-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../../../../tooling/rejection';
import { loadProblems } from './load-problems';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'eval-problems-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe('loadProblems', () => {
  it('should read { id, problem, answer } JSONL with the default fields', async () => {
    const path = await file(
      'set.jsonl',
      '{"id": 1, "problem": "2 + 2?", "answer": "4", "source": "x"}\r\n\r\n{"id": "b", "problem": "3 + 3?", "answer": 6}\n',
    );
    expect(await loadProblems(path, { kind: 'math' })).toEqual({
      name: 'problems',
      problems: [
        { id: '1', prompt: '2 + 2?', answer: '4', kind: 'math', meta: { source: 'x' } },
        { id: 'b', prompt: '3 + 3?', answer: '6', kind: 'math', meta: {} },
      ],
    });
  });

  it('should read a .json array with renamed fields and normalise integer golds', async () => {
    const path = await file(
      'set.json',
      JSON.stringify([{ uid: 'q1', question: 'Find n.', final: '007' }]),
    );
    const set = await loadProblems(path, {
      name: 'olympiad',
      idField: 'uid',
      problemField: 'question',
      answerField: 'final',
      kind: 'integer',
    });
    expect(set).toEqual({
      name: 'olympiad',
      problems: [{ id: 'q1', prompt: 'Find n.', answer: '7', kind: 'integer', meta: {} }],
    });
  });

  it('should report a missing field by file, row and the field name given', async () => {
    const path = await file('set.json', JSON.stringify([{ uid: 'q1', question: 'Find n.' }]));
    const error = await rejection(
      loadProblems(path, { idField: 'uid', problemField: 'question', kind: 'math' }),
    );
    expect(InvalidRecordError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: path, row: 1, path: 'answer' });
    // A loader that cannot skip rows must not tell its caller to skip them.
    expect((error as Error).message).toMatch(/Fix the row: a benchmark is scored on all of its/);
    expect((error as Error).message).not.toContain('onInvalid');
  });

  it('should report a row that is not an object', async () => {
    const path = await file('set.jsonl', '{"id": 1, "problem": "p", "answer": "a"}\n[1, 2]\n');
    expect(await rejection(loadProblems(path, { kind: 'math' }))).toMatchObject({
      row: 2,
      path: '',
    });
  });

  it('should reject a .json file that is not an array', async () => {
    const path = await file('set.json', '{"rows": []}');
    expect(InvalidFileError.isInstance(await rejection(loadProblems(path, { kind: 'math' })))).toBe(
      true,
    );
  });

  it('should reject a kind it cannot load', async () => {
    const path = await file('set.jsonl', '');
    const error = await rejection(loadProblems(path, { kind: 'choice' as 'math', idField: 'id' }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});
