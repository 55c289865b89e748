import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { readJsonRows } from './json-rows';
import { otherFields } from './other-fields';
import { parseRow } from './parse-row';

const math500RowSchema = z.looseObject({
  unique_id: z.string(),
  problem: z.string(),
  answer: z.string(),
});

/**
 * Loads MATH-500 (`openai_math`, the PRM800K test split) from JSONL or JSON: the prompt is
 * `problem`, the gold `answer`, the id `unique_id` (`test/precalculus/807.json`); `solution`,
 * `subject` and `level` go to `meta`.
 *
 * @example
 * ```ts
 * const math500 = await loadMath500('math500/test.jsonl');
 * math500.problems[0]?.answer; // '\\left( 3, \\frac{\\pi}{2} \\right)'
 * ```
 */
export async function loadMath500(file: string): Promise<Benchmark> {
  const rows = await readJsonRows(file);
  const problems = rows.map((row): BenchmarkProblem => {
    const record = parseRow(math500RowSchema, row, file);
    return {
      id: record.unique_id,
      prompt: record.problem,
      answer: record.answer,
      kind: 'math',
      meta: otherFields(record, ['unique_id', 'problem', 'answer']),
    };
  });
  return { name: 'math500', problems };
}
