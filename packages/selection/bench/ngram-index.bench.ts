/**
 * The hashed n-gram index against a naive all-pairs check (every training question against every
 * evaluation question, comparing their 8-gram sets), and the index and `decontaminate` as they
 * are against what they replaced (a `Map` and two number arrays, each source checked whole and
 * then added: `--baseline`, a git commit), on the same synthetic data in the same run.
 *
 *   npx tsx bench/ngram-index.bench.ts [--repeats 3] [--large 60000] [--baseline <git ref>]
 *
 * Data, generated from a fixed seed: a pool of 2,000 questions of 80–200 words and four
 * evaluation sets of 500 questions of 40–150 words, over a Zipf-like vocabulary of 5,000 words.
 * One pool question in ten holds an 8–16-word window of an evaluation question. Every method
 * must flag the same questions. Then `decontaminate` on a pool of `--large` questions in 16
 * sources, where the cumulative index grows to millions of n-grams (the naive check would take
 * hours there).
 */
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createSeededRandom } from '@s1/errors';
import { decontaminate } from '../src/decontamination/decontaminate';
import { createNgramIndex } from '../src/decontamination/ngram-index';
import { wordNgrams } from '../src/decontamination/normalize-text';
import { baselineSource, defaultBaseline } from './baseline-source';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    large: { type: 'string', default: '60000' },
    baseline: { type: 'string', default: defaultBaseline },
  },
});
const repeats = Number(values.repeats);
const n = 8;
const baselineFolder = baselineSource(values.baseline);
const before: {
  createNgramIndex: typeof createNgramIndex;
  decontaminate: typeof decontaminate;
} = {
  ...(await import(join(baselineFolder, 'decontamination', 'ngram-index.ts'))),
  ...(await import(join(baselineFolder, 'decontamination', 'decontaminate.ts'))),
};
const after = { createNgramIndex, decontaminate };

const random = createSeededRandom(2025).uniform;
const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'qu', 'ex', 'on'];
const vocabulary = Array.from({ length: 5000 }, (_, rank) => {
  let word = '';
  for (let value = rank + 1; value > 0; value = Math.floor(value / syllables.length)) {
    word += syllables[value % syllables.length];
  }
  return word;
});
// Zipf-like: rank ~ 5000^u makes frequent words frequent, as in real questions.
const randomWord = () => vocabulary[Math.floor(5000 ** random()) - 1] ?? 'ka';
const randomText = (min: number, max: number) =>
  Array.from({ length: integer(min, max) }, randomWord).join(' ');

const evalSets = Array.from({ length: 4 }, (_, set) => ({
  name: `eval-${set}`,
  questions: Array.from({ length: 500 }, () => randomText(40, 150)),
}));
const evalQuestions = evalSets.flatMap((set) => set.questions);
const pool = Array.from({ length: 2000 }, (_, index) => {
  const text = randomText(80, 200);
  if (index % 10 !== 0) return text;
  const words = (evalQuestions[integer(0, evalQuestions.length - 1)] ?? '').split(' ');
  const length = integer(8, 16);
  const start = integer(0, words.length - length);
  return `${text} ${words.slice(start, start + length).join(' ')}`;
});

function naiveAllPairs(): boolean[] {
  const evalNgramSets = evalQuestions.map((question) => new Set(wordNgrams(question, n)));
  return pool.map((question) => {
    const ngrams = wordNgrams(question, n);
    return evalNgramSets.some((evalNgrams) => ngrams.some((ngram) => evalNgrams.has(ngram)));
  });
}

const ngramIndex = (implementation: typeof after) => (): boolean[] => {
  const index = implementation.createNgramIndex(
    evalQuestions.map((text, position) => ({ text, source: position })),
    { n },
  );
  return pool.map((question) => index.firstMatch(question) !== undefined);
};

// Consecutive runs of questions, as sources are in a pool.
const inSources = (questions: readonly string[], count: number) => {
  const size = Math.ceil(questions.length / count);
  return Array.from({ length: count }, (_, part) => ({
    name: `source-${part}`,
    questions: questions.slice(part * size, (part + 1) * size),
  }));
};

// The decisions themselves, not only the flags: before and after must agree on every one.
let decisions: unknown[] = [];
const cumulativeDecontaminate =
  (implementation: typeof after, questions: readonly string[], sources: number) =>
  (): boolean[] => {
    const results = implementation.decontaminate(inSources(questions, sources), evalSets, { n });
    decisions.push(results);
    return results.flatMap((result) => result.decisions.map((decision) => !decision.keep));
  };

function time(run: () => boolean[]): { ms: number[]; flagged: boolean[] } {
  const ms: number[] = [];
  let flagged: boolean[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const start = process.hrtime.bigint();
    flagged = run();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms, flagged };
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const sameDecisions = () => {
  const [first, ...rest] = decisions;
  if (rest.some((other) => !isDeepStrictEqual(other, first))) {
    throw new Error('decontaminate decides differently before and after');
  }
  decisions = [];
};

const naive = time(naiveAllPairs);
const indexBefore = time(ngramIndex(before));
const indexAfter = time(ngramIndex(after));
const cumulativeBefore = time(cumulativeDecontaminate(before, pool, 4));
const cumulativeAfter = time(cumulativeDecontaminate(after, pool, 4));
sameDecisions();
const flaggedCount = indexAfter.flagged.filter(Boolean).length;
for (const [name, run] of Object.entries({ indexBefore, indexAfter })) {
  if (naive.flagged.some((flag, index) => flag !== run.flagged[index])) {
    throw new Error(`${name} and the naive check flag different questions`);
  }
}

const naiveMs = median(naive.ms);
const row = (label: string, { ms }: { ms: number[] }, baseline?: { ms: number[] }) =>
  `| ${label} | ${median(ms).toFixed(1)} | ${(naiveMs / median(ms)).toFixed(1)}× | ${baseline ? `${(median(baseline.ms) / median(ms)).toFixed(1)}×` : ''} |`;
console.log(
  `\n${pool.length} pool questions against ${evalQuestions.length} evaluation questions, ${n}-grams, ` +
    `${flaggedCount} flagged; median of ${repeats} runs (Node ${process.version}); before: ${values.baseline.slice(0, 7)}\n`,
);
console.log('| method | ms | speed-up vs naive | speed-up vs before |');
console.log('|---|---:|---:|---:|');
console.log(row('naive all-pairs (8-gram sets per text, every pair)', naive));
console.log(row('before: Map index, build on eval sets + firstMatch per question', indexBefore));
console.log(
  row(
    'after: typed-array index, build on eval sets + firstMatch per question',
    indexAfter,
    indexBefore,
  ),
);
console.log(
  row('before: decontaminate(), 4 sources of 500, cumulative, exact dedup', cumulativeBefore),
);
console.log(
  row(
    'after: decontaminate(), 4 sources of 500, cumulative, exact dedup',
    cumulativeAfter,
    cumulativeBefore,
  ),
);

const large = Array.from({ length: Number(values.large) }, () => randomText(40, 120));
const largeBefore = time(cumulativeDecontaminate(before, large, 16));
const largeAfter = time(cumulativeDecontaminate(after, large, 16));
sameDecisions();
const ngrams = large.reduce(
  (sum, question) => sum + Math.max(0, question.split(' ').length - n + 1),
  0,
);
console.log(
  `\n${large.length.toLocaleString('en-US')} questions of 40–120 words in 16 sources (${(ngrams / 1e6).toFixed(1)} M ${n}-grams), ` +
    `cumulative, against the same evaluation sets; the same decisions before and after\n`,
);
console.log('| method | ms | speed-up vs before |');
console.log('|---|---:|---:|');
console.log(
  `| before: decontaminate(), Map index, each source checked then added | ${median(largeBefore.ms).toFixed(0)} | |`,
);
console.log(
  `| after: decontaminate(), typed-array index, one pass | ${median(largeAfter.ms).toFixed(0)} | ${(median(largeBefore.ms) / median(largeAfter.ms)).toFixed(1)}× |`,
);
