import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { normalizeIntegerAnswer } from './normalize-integer-answer';
import { otherFields } from './other-fields';
import { readBenchmarkRows } from './read-benchmark-rows';

/** Options of {@link loadAime}. */
export interface LoadAimeOptions {
  /** The benchmark's name. @default 'aime' */
  name?: string;
}

const idOrIndex = z.union([z.string(), z.number()]);
const aimeRowSchema = z
  .looseObject({
    id: idOrIndex.optional(),
    problem: z.string().optional(),
    question: z.string().optional(),
    answer: z.union([z.string(), z.number()]),
  })
  .refine((row) => row.problem !== undefined || row.question !== undefined, {
    message: 'needs a `problem` (or `question`) string',
    path: ['problem'],
  });

/**
 * Loads an AIME set (`aime24_nofigures`, `aime24_figures`, `TIGER-Lab/AIME25`) from JSONL, a
 * JSON array or Parquet (read by `readRecords` of `@s1/sft-data`). The prompt is the problem as
 * is (the harness's QUERY_TEMPLATE without a control; see `withConditionalControl`), taken
 * from `problem`, else `question`. The gold is normalised as the harness does (`"073"` →
 * `"73"`). Rows without an `id` get their 1-based position in the set.
 *
 * @throws InvalidRecordError (from `@s1/sft-data`) for a row that is not a problem, naming the
 * file, the row and the field.
 *
 * @example
 * ```ts
 * const aime24 = await loadAime('aime24_nofigures.jsonl', { name: 'aime24_nofigures' });
 * aime24.problems.length; // 30
 * ```
 */
export async function loadAime(file: string, options: LoadAimeOptions = {}): Promise<Benchmark> {
  const records = await readBenchmarkRows(file, aimeRowSchema);
  const problems = records.map(
    (record, index): BenchmarkProblem => ({
      id: String(record.id ?? index + 1),
      // The schema's refine guarantees one of the two.
      prompt: (record.problem ?? record.question) as string,
      answer: normalizeIntegerAnswer(record.answer),
      kind: 'integer',
      meta: otherFields(record, ['id', 'problem', 'question', 'answer']),
    }),
  );
  return { name: options.name ?? 'aime', problems };
}
