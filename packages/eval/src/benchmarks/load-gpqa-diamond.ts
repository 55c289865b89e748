import { InvalidFileError, validate } from '@s1/errors';
import { z } from 'zod';
import type { Benchmark, BenchmarkProblem } from './benchmark';
import { InvalidBenchmarkRowError } from './invalid-benchmark-row-error';
import { otherFields } from './other-fields';
import { parseCsv } from './parse-csv';
import { parseRow } from './parse-row';
import { createPythonRandom } from './python-random';
import { readBenchmarkFile } from './read-benchmark-file';
import { valueExcerpt } from './value-excerpt';

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
    .union([z.literal('python-seed-0'), z.literal('none'), z.strictObject({ seed: z.int() })])
    .optional(),
});

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
 * choice. Rows are numbered by the CSV line they start on; the other columns go to `meta`.
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
  const [header, ...records] = parseCsv(await readBenchmarkFile(file), file);
  if (header === undefined) throw new InvalidFileError({ file, reason: 'the CSV is empty' });

  const problems = records.map(({ line, fields }): BenchmarkProblem => {
    if (fields.length !== header.fields.length) {
      throw new InvalidBenchmarkRowError({
        file,
        row: line,
        field: '',
        reason: `has ${fields.length} fields, the header ${header.fields.length}`,
        excerpt: valueExcerpt(fields),
      });
    }
    const columns = Object.fromEntries(header.fields.map((name, index) => [name, fields[index]]));
    const row = parseRow(gpqaRowSchema, { row: line, value: columns }, file);
    const correct = row['Correct Answer'];
    const choices = order([
      row['Incorrect Answer 1'],
      row['Incorrect Answer 2'],
      row['Incorrect Answer 3'],
      correct,
    ]);
    const [a, b, c, d] = choices;
    return {
      id: row['Record ID'] || String(line),
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
