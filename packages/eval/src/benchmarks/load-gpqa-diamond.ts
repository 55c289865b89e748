import { validate } from '@s1/errors';
import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { otherFields } from './other-fields';
import { createPythonRandom } from './python-random';
import { readBenchmarkRows } from './read-benchmark-rows';

const loadGpqaDiamondOptionsSchema = z.strictObject({
  /**
   * How the choices `[Incorrect Answer 1, 2, 3, Correct Answer]` are ordered:
   * - `'python-seed-0'`: as the s1 harness does, one `random.Random(0)` shuffling every row in
   *   file order, bit-for-bit with CPython 3.11;
   * - `{ seed }`: the same generator with another seed;
   * - `'none'`: unshuffled, so the gold is always `D`.
   * @default 'python-seed-0'
   */
  shuffle: z
    .union([
      z.literal('python-seed-0'),
      z.literal('none'),
      z.strictObject({
        /** The seed of Python's `random.Random`. */
        seed: z.int(),
      }),
    ])
    .optional(),
});

/**
 * Options of {@link loadGpqaDiamond}.
 *
 * @useDeclaredType
 */
export type LoadGpqaDiamondOptions = z.input<typeof loadGpqaDiamondOptionsSchema>;

const nonEmpty = z.string().min(1, 'must not be empty');
const gpqaRowSchema = z.looseObject({
  Question: nonEmpty,
  'Correct Answer': nonEmpty,
  'Incorrect Answer 1': nonEmpty,
  'Incorrect Answer 2': nonEmpty,
  'Incorrect Answer 3': nonEmpty,
  'Record ID': z.string().optional(),
});
const usedColumns = Object.keys(gpqaRowSchema.shape);

/**
 * Loads GPQA Diamond from the original CSV (`gpqa_diamond.csv` of Idavidrein/gpqa: Question,
 * Correct Answer, Incorrect Answer 1..3, Record ID, …). The prompt is
 * `"{Question}\n\nA) {c1}\nB) {c2}\nC) {c3}\nD) {c4}"` and the gold the letter of the correct
 * choice. The other columns go to `meta`; a row without a `Record ID` gets its 1-based position.
 *
 * @throws InvalidRecordError (from `@s1/sft-data`) for a row that is not a problem, naming the
 * file, the CSV line the row starts on and the column.
 *
 * @example
 * ```ts
 * const gpqa = await loadGpqaDiamond('gpqa_diamond.csv', { shuffle: 'python-seed-0' });
 * gpqa.problems[0]?.answer; // 'A' … 'D', the same letters as the s1 harness
 * ```
 */
export async function loadGpqaDiamond(
  file: string,
  options: LoadGpqaDiamondOptions = {},
): Promise<Benchmark> {
  const { shuffle = 'python-seed-0' } = validate(
    loadGpqaDiamondOptionsSchema,
    options,
    'loadGpqaDiamond options',
  );
  const order = choiceOrder(shuffle);
  const records = await readBenchmarkRows(file, gpqaRowSchema);
  const problems = records.map((row, index): BenchmarkProblem => {
    const correct = row['Correct Answer'];
    const choices = order([
      row['Incorrect Answer 1'],
      row['Incorrect Answer 2'],
      row['Incorrect Answer 3'],
      correct,
    ]);
    const [a, b, c, d] = choices;
    return {
      id: row['Record ID'] || String(index + 1),
      prompt: `${row.Question}\n\nA) ${a}\nB) ${b}\nC) ${c}\nD) ${d}`,
      // indexOf finds the first equal text, as the harness's `choices.index(correct)`.
      answer: String.fromCharCode(65 + choices.indexOf(correct)),
      kind: 'choice',
      choices,
      meta: otherFields(row, usedColumns),
    };
  });
  return { name: 'gpqa_diamond', problems };
}

function choiceOrder(
  shuffle: 'python-seed-0' | 'none' | { seed: number },
): (choices: string[]) => string[] {
  if (shuffle === 'none') return (choices) => choices;
  const random = createPythonRandom(shuffle === 'python-seed-0' ? 0 : shuffle.seed);
  return (choices) => random.shuffled(choices);
}
