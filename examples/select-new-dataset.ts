/**
 * Selects a small SFT set from your own pool of reasoning records, with s1's three criteria:
 * quality, difficulty and diversity. The pool (examples/data/reasoning-pool.jsonl, synthetic)
 * names its fields `uid`, `prompt`, `reasoning`, `solution` and `topic` rather than s1K's;
 * `fieldAccessors` maps them. Writes selected.jsonl, dropped.jsonl (each record left out, and
 * why) and report.json.
 *
 *   npx tsx examples/select-new-dataset.ts                 # into a new temporary folder
 *   npx tsx examples/select-new-dataset.ts --out selection
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';
import {
  createSelection,
  difficultyStage,
  domainStage,
  fieldAccessors,
  type Grader,
  missingFieldsStage,
  qualityStage,
  regexRule,
  type Solver,
  s1QualityRules,
  samplingStage,
  traceLengthStage,
  writeSelection,
} from '@s1/selection';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? (await mkdtemp(join(tmpdir(), 's1-selection-')));

type Row = Record<string, unknown>;
const pool = (await readFile(new URL('data/reasoning-pool.jsonl', import.meta.url), 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

// s1 drops what Qwen2.5-7B or -32B solves (createBackendSolver over any backend, graded by an
// LLM with createLlmGrader). Offline stand-ins: a calculator that solves plain arithmetic, and a
// grader that compares the attempt with the solution.
const calculator: Solver = async (question) => {
  const sum = /^What is (\d+) ([-+×]) (\d+)\?$/.exec(question);
  if (sum === null) return 'I cannot solve this.';
  const [a, b] = [Number(sum[1]), Number(sum[3])];
  return String(sum[2] === '+' ? a + b : sum[2] === '-' ? a - b : a * b);
};
const grader: Grader = async ({ attempt, solution }) => attempt.trim() === solution?.trim();

// The row type is named: stages built inline would otherwise make it `unknown`.
const selection = createSelection<Row>({
  accessors: fieldAccessors({
    id: 'uid',
    question: 'prompt',
    trace: 'reasoning',
    answer: 'solution',
    domain: 'topic',
  }),
  stages: [
    missingFieldsStage({ fields: ['prompt', 'reasoning', 'solution'] }), // the row's own names
    qualityStage({ rules: [...s1QualityRules, regexRule('external-link', /https?:\/\//)] }),
    difficultyStage({ solvers: { calculator }, grader }),
    domainStage(), // the record's topic; createDomainClassifier labels records without one
    traceLengthStage({
      tokenizer: await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url)),
    }),
    samplingStage({ n: 10, seed: 0 }), // a topic uniformly, then longer traces more likely
  ],
});
const result = await selection.run(pool);
const files = await writeSelection(out, result);

console.log(result.report.counts.map(({ stage, records }) => `${stage} ${records}`).join(' → '));
// Every record left out has its stage and reason (dropped.jsonl); those the sampler passed over too.
for (const { id, reason } of result.dropped) {
  if (!reason.startsWith('not sampled')) console.log(`${id}  ${reason}`);
}
console.log(`selected per topic: ${JSON.stringify(result.report.domains)}`);
for (const { id, row, features } of result.selected) {
  console.log(`${id}  ${String(features.traceLength).padStart(3)} tokens  ${row.prompt}`);
}
console.log(`written: ${files.selected}, ${files.dropped}, ${files.report}`);
