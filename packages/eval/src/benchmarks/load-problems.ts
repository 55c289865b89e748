import { validate } from '@s1/errors';
import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { normalizeIntegerAnswer } from './normalize-integer-answer';
import { otherFields } from './other-fields';
import { readBenchmarkRows } from './read-benchmark-rows';

const loadProblemsOptionsSchema = z.strictObject({
  /** The benchmark's name. @default 'problems' */
  name: z.string().min(1).optional(),
  /** The field holding the id (string or number). @default 'id' */
  idField: z.string().min(1).optional(),
  /** The field holding the prompt. @default 'problem' */
  problemField: z.string().min(1).optional(),
  /** The field holding the gold answer (string or number). @default 'answer' */
  answerField: z.string().min(1).optional(),
  /** `integer` golds are normalised as AIME's (`"073"` → `"73"`). */
  kind: z.enum(['integer', 'math']),
});

/**
 * Options of {@link loadProblems}.
 *
 * @useDeclaredType
 */
export type LoadProblemsOptions = z.input<typeof loadProblemsOptionsSchema>;

/**
 * Loads any `{ id, problem, answer }` set, with the field names given, from JSONL, a JSON
 * array, CSV or Parquet (read by `readRecords` of `@s1/sft-data`). The row's other fields go to
 * `meta`.
 *
 * @throws InvalidRecordError (from `@s1/sft-data`) for a row that is not a problem, naming the
 * file, the row and the field.
 *
 * @example
 * ```ts
 * const set = await loadProblems('olympiad.jsonl', {
 *   idField: 'uid',
 *   problemField: 'question',
 *   answerField: 'final_answer',
 *   kind: 'math',
 * });
 * ```
 */
export async function loadProblems(file: string, options: LoadProblemsOptions): Promise<Benchmark> {
  const {
    name = 'problems',
    idField = 'id',
    problemField = 'problem',
    answerField = 'answer',
    kind,
  } = validate(loadProblemsOptionsSchema, options, 'loadProblems options');
  const scalar = z.union([z.string(), z.number()]);
  const rowSchema = z.looseObject({
    [idField]: scalar,
    [problemField]: z.string(),
    [answerField]: scalar,
  });
  const records = await readBenchmarkRows(file, rowSchema);
  const problems = records.map((record): BenchmarkProblem => {
    const answer = record[answerField] as string | number;
    return {
      id: String(record[idField]),
      prompt: record[problemField] as string,
      answer: kind === 'integer' ? normalizeIntegerAnswer(answer) : String(answer),
      kind,
      meta: otherFields(record, [idField, problemField, answerField]),
    };
  });
  return { name, problems };
}
