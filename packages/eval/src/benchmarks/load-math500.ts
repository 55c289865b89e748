import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { otherFields } from './other-fields';
import { readBenchmarkRows } from './read-benchmark-rows';

const math500RowSchema = z.looseObject({
  unique_id: z.string(),
  problem: z.string(),
  answer: z.string(),
});

/**
 * Loads MATH-500 (`openai_math`, the PRM800K test split) from JSONL, a JSON array or Parquet
 * (read by `readRecords` of `@s1/sft-data`): the prompt is `problem`, the gold `answer`, the id
 * `unique_id` (`test/precalculus/807.json`); `solution`, `subject` and `level` go to `meta`.
 *
 * @throws InvalidRecordError (from `@s1/sft-data`) for a row that is not a problem, naming the
 * file, the row and the field.
 *
 * @example
 * ```ts
 * const math500 = await loadMath500('math500/test.jsonl');
 * math500.problems[0]?.answer; // '\\left( 3, \\frac{\\pi}{2} \\right)'
 * ```
 */
export async function loadMath500(file: string): Promise<Benchmark> {
  const records = await readBenchmarkRows(file, math500RowSchema);
  const problems = records.map(
    (record): BenchmarkProblem => ({
      id: record.unique_id,
      prompt: record.problem,
      answer: record.answer,
      kind: 'math',
      meta: otherFields(record, ['unique_id', 'problem', 'answer']),
    }),
  );
  return { name: 'math500', problems };
}
