/**
 * The scale of s1's pool: 60,000 synthetic records with traces of about 3,600 tokens (14,400
 * characters) through quality, decontamination against four evaluation sets (MATH-500 and AIME
 * 2024, two synthetic sets of 500) and the s1 sampler to 1,000. Prints
 * records/s and peak memory per stage. The n-gram index against a naive all-pairs check is
 * `ngram-index.bench.ts`.
 *
 * MATH-500 (the public openai/prm800k test split, MIT) and AIME 2024 (s1's public
 * "aime24_nofigures" set) are the repository's copies in fixtures/eval-sets.
 */
import { readFileSync } from 'node:fs';
import { aime24File, math500File } from '../../../tooling/eval-sets';
import {
  createSelection,
  decontaminationStage,
  qualityStage,
  s1KAccessors,
  samplingStage,
} from '../src/index';

const records = 60_000;
let state = 7;
const next = () => {
  state = (state * 48271) % 2147483647;
  return state;
};
const words = (count: number) =>
  Array.from({ length: count }, () => `w${next() % 20_000}`).join(' ');
// Traces are slices of one long text: realistic lengths without 840 MB of distinct strings.
const traceText = words(4_000).repeat(3);

const problemsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { problem: string }).problem);
const evalSets = [
  { name: 'math500', questions: problemsOf(math500File) },
  { name: 'aime24', questions: problemsOf(aime24File) },
  { name: 'synthetic-gpqa', questions: Array.from({ length: 500 }, () => words(120)) },
  { name: 'synthetic-code', questions: Array.from({ length: 500 }, () => words(200)) },
];

const pool = Array.from({ length: records }, (_, index) => {
  const length = 8_000 + (next() % 12_800);
  const start = next() % (traceText.length - length);
  return {
    question: `${index % 97 === 0 ? '[asy] ' : ''}${words(40 + (next() % 80))}`,
    solution: 'a solution',
    source_type: `source-${index % 16}`,
    thinking_trajectories: [traceText.slice(start, start + length)],
    domain: `domain-${next() % 50}`,
  };
});

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const started = performance.now();
const stageTimes: { stage: string; ms: number }[] = [];
let stageStart = performance.now();
const selection = createSelection({
  accessors: s1KAccessors,
  stages: [
    qualityStage(),
    decontaminationStage({ evalSets }),
    samplingStage({ n: 1_000, seed: 0 }),
  ].map((stage) => ({
    ...stage,
    run: async (items, context) => {
      const outcome = await stage.run(items, context);
      stageTimes.push({ stage: stage.name, ms: performance.now() - stageStart });
      stageStart = performance.now();
      return outcome;
    },
  })),
});
const { report } = await selection.run(pool);
const totalMs = performance.now() - started;
clearInterval(sampler);

console.log(`${records.toLocaleString('en-US')} records, Node ${process.version}`);
console.log('| stage | records after | ms | records/s |');
console.log('|---|---:|---:|---:|');
stageTimes.forEach(({ stage, ms }, index) => {
  const before = report.counts[index]?.records ?? 0;
  console.log(
    `| ${stage} | ${report.counts[index + 1]?.records} | ${ms.toFixed(0)} | ${Math.round((before / ms) * 1000).toLocaleString('en-US')} |`,
  );
});
console.log(
  `| all | ${report.counts.at(-1)?.records} | ${totalMs.toFixed(0)} | ${Math.round((records / totalMs) * 1000).toLocaleString('en-US')} |`,
);
console.log(`peak RSS ${Math.round(peak / 2 ** 20)} MiB (target: under 30 s and 2 GiB)`);
