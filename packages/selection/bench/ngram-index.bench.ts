/**
 * The hashed n-gram index against a naive all-pairs check (every training question against every
 * evaluation question, comparing their 8-gram sets), on the same synthetic data in the same run.
 *
 *   npx tsx bench/ngram-index.bench.ts [--repeats 3]
 *
 * Data, generated from a fixed seed: a pool of 2,000 questions of 80–200 words and four
 * evaluation sets of 500 questions of 40–150 words, over a Zipf-like vocabulary of 5,000 words.
 * One pool question in ten holds an 8–16-word window of an evaluation question. Both methods
 * must flag the same questions.
 */
import { parseArgs } from 'node:util';
import { decontaminate } from '../src/decontamination/decontaminate';
import { seededUint32s } from '../src/decontamination/hash32';
import { createNgramIndex } from '../src/decontamination/ngram-index';
import { wordNgrams } from '../src/decontamination/normalize-text';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
const repeats = Number(values.repeats);
const n = 8;

const next = seededUint32s(2025);
const random = () => next() / 2 ** 32;
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

function ngramIndex(): boolean[] {
  const index = createNgramIndex(
    evalQuestions.map((text, position) => ({ text, source: position })),
    { n },
  );
  return pool.map((question) => index.firstMatch(question) !== undefined);
}

function cumulativeDecontaminate(): boolean[] {
  const sources = [0, 1, 2, 3].map((part) => ({
    name: `source-${part}`,
    questions: pool.slice(part * 500, (part + 1) * 500),
  }));
  return decontaminate(sources, evalSets, { n }).flatMap(({ decisions }) =>
    decisions.map((decision) => !decision.keep),
  );
}

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

const naive = time(naiveAllPairs);
const indexed = time(ngramIndex);
const cumulative = time(cumulativeDecontaminate);
const flaggedCount = indexed.flagged.filter(Boolean).length;
if (naive.flagged.some((flag, index) => flag !== indexed.flagged[index])) {
  throw new Error('the index and the naive check flag different questions');
}

const naiveMs = median(naive.ms);
const row = (label: string, { ms }: { ms: number[] }) =>
  `| ${label} | ${median(ms).toFixed(1)} | ${(naiveMs / median(ms)).toFixed(1)}× |`;
console.log(
  `\n${pool.length} pool questions against ${evalQuestions.length} evaluation questions, ${n}-grams, ` +
    `${flaggedCount} flagged; median of ${repeats} runs (Node ${process.version})\n`,
);
console.log('| method | ms | speed-up vs naive |');
console.log('|---|---:|---:|');
console.log(row('naive all-pairs (8-gram sets per text, every pair)', naive));
console.log(row('createNgramIndex: build on eval sets + firstMatch per question', indexed));
console.log(row('decontaminate(): 4 sources of 500, cumulative, exact dedup', cumulative));
