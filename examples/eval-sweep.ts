/**
 * Measures test-time scaling: sweeps thinking budgets over a few problems, grades every answer
 * offline, and writes a report (Markdown, HTML, an accuracy plot and summary.json). The model is
 * the toy runtime of custom-runtime.ts, which answers right only when it thinks long enough, so
 * accuracy climbs with the budget; any backend of @s1/budget-forcing takes its place.
 *
 *   npx tsx examples/eval-sweep.ts                 # into a new temporary folder
 *   npx tsx examples/eval-sweep.ts --out runs/toy  # run it again there to resume, not repeat
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import {
  type BenchmarkProblem,
  budgetSweep,
  gradeAnswer,
  runEval,
  summarizeResults,
  writeReport,
} from '@s1/eval';
import { createTraceBackend } from './custom-runtime.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? (await mkdtemp(join(tmpdir(), 's1-eval-sweep-')));

// Problems as loadProblems / loadAime give them; `kind` chooses the grading (AIME-style integers).
const worked = [
  ['How many days are in 3 weeks?', '7 days a week, so 3 × 7.', '21'],
  ['How many r in raspberry?', 'Spell it out: r-a-s-p-b-e-r-r-y, r at positions 1, 7, 8.', '3'],
  ['What is 17 × 3?', 'Split it: 17 × 3 = 10 × 3 + 7 × 3 = 30 + 21.', '51'],
  [
    'What is 1 + 2 + … + 10?',
    'Pair the ends: 1 + 10, 2 + 9, 3 + 8, 4 + 7 and 5 + 6 are 5 pairs that each sum to 11.',
    '55',
  ],
] as const;
const problems: BenchmarkProblem[] = worked.map(([prompt, , answer], index) => ({
  id: `toy-${index + 1}`,
  prompt,
  answer,
  kind: 'integer',
}));

// The toy model has seen each worked solution; cut short, it can only guess.
const tokenizer = await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
const backend = createTraceBackend(
  tokenizer,
  worked.map(
    ([prompt, thinking, answer]) =>
      `${prompt}<|im_end|>\n<|im_start|>assistant\n<|im_start|>think\n${thinking}\n` +
      `<|im_start|>answer\nFinal Answer: ${answer}<|im_end|>`,
  ),
);

const { records } = await runEval({
  problems,
  backend,
  sweep: budgetSweep({ max: [8, 16, 32, 64] }),
  output: join(out, 'results.jsonl'), // one line per sample, appended as each finishes
  grade: (problem, text) => gradeAnswer(problem, text),
});
// With the tokenizer, thinking is also counted as s1's compute_sample_stats.py counts it.
const summary = summarizeResults(records, { tokenizer });
const files = await writeReport(join(out, 'report'), summary, { title: 'Toy sweep, trace model' });

console.log(await readFile(files.markdown, 'utf8'));
console.log(`report: ${files.html}`);
