import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputExistsError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { s1KAccessors } from '../s1k-accessors';
import { createSelection } from './create-selection';
import { filterStage } from './filter-stage';
import { writeSelection } from './write-selection';

const rows = [
  { question: 'Find x if 2x = 4.', solution: '2', domain: 'Algebra' },
  { question: 'Draw it. [asy] draw((0,0)--(1,1)); [/asy]', solution: '1', domain: 'Geometry' },
  { question: 'What is 7 × 6?', solution: null, domain: 'Arithmetic' },
  { question: 'Count the subsets of {1,2,3}.', solution: '8', domain: 'Combinatorics' },
];

describe('createSelection', () => {
  it('should count what each stage keeps and report every dropped record with its stage and reason', async () => {
    const selection = createSelection({
      accessors: s1KAccessors,
      stages: [
        filterStage('missing fields', (item, fields) =>
          fields.answer(item.row) === undefined ? 'missing: solution' : undefined,
        ),
        filterStage('quality', (item, fields) =>
          fields.question(item.row).includes('[asy]') ? 'quality: [asy]' : undefined,
        ),
      ],
    });
    const result = await selection.run(rows);
    expect(result.report.counts).toEqual([
      { stage: 'pool', records: 4 },
      { stage: 'missing fields', records: 3 },
      { stage: 'quality', records: 2 },
    ]);
    expect(result.report.domains).toEqual({ Algebra: 1, Combinatorics: 1 });
    expect(result.dropped.map(({ stage, reason }) => [stage, reason])).toEqual([
      ['missing fields', 'missing: solution'],
      ['quality', 'quality: [asy]'],
    ]);
    expect(result.report.drops).toEqual([
      { stage: 'missing fields', reason: 'missing', count: 1 },
      { stage: 'quality', reason: 'quality', count: 1 },
    ]);
    // Ids are s1's question hashes (sha256, 16 hex digits).
    expect(result.selected[0]?.id).toMatch(/^[0-9a-f]{16}$/);

    const folder = await mkdtemp(join(tmpdir(), 's1-select-'));
    const files = await writeSelection(folder, result);
    const lines = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line));
    expect(lines(await readFile(files.selected, 'utf8'))).toEqual([rows[0], rows[3]]);
    expect(lines(await readFile(files.dropped, 'utf8'))).toEqual(result.dropped);

    // Written again, the folder is replaced as a set; one holding other files is refused.
    await writeSelection(folder, { ...result, dropped: [] });
    expect(await readFile(files.dropped, 'utf8')).toBe('');
    expect((await readdir(folder)).sort()).toEqual([
      'dropped.jsonl',
      'report.json',
      'selected.jsonl',
    ]);
    await writeFile(join(folder, 'notes.txt'), 'mine');
    const refused = await writeSelection(folder, result).catch((error: unknown) => error);
    expect(OutputExistsError.isInstance(refused)).toBe(true);
    expect(String(refused)).toMatch(/holds files that are not a previous output \(notes\.txt\)/);
    expect(await readFile(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
