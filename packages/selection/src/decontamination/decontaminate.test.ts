import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aime24File, math500File } from '../../../../tooling/eval-sets';
import { decontaminate } from './decontaminate';

// The public MATH-500 (openai/prm800k, MIT) and AIME 2024 (s1's "aime24_nofigures") sets, the
// repository's copies.
function readProblems(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { problem: string }).problem);
}

describe('decontaminate against MATH500 and AIME24', () => {
  const math500 = readProblems(math500File);
  const aime24 = readProblems(aime24File);
  const evalSets = [
    { name: 'math500', questions: math500 },
    { name: 'aime24', questions: aime24 },
  ];
  const decide = (questions: string[]) =>
    decontaminate([{ name: 'train', questions }], evalSets)[0]?.decisions;

  it('should read all 500 + 30 problems', () => {
    expect([math500.length, aime24.length]).toEqual([500, 30]);
  });

  it('should flag a question copied from either set, naming the set and the problem', () => {
    const longMath = math500.findIndex((problem) => problem.split(/\s+/).length >= 20);
    const [fromMath, fromAime] = decide([math500[longMath] ?? '', aime24[3] ?? '']) ?? [];
    expect(fromMath).toMatchObject({
      keep: false,
      reason: 'contaminated',
      match: { kind: 'eval-set', name: 'math500', index: longMath },
    });
    expect(fromAime).toMatchObject({
      keep: false,
      reason: 'contaminated',
      ngram: 'define $f(x)=|| x|-\\tfrac{1}{2}|$ and $g(x)=|| x|-\\tfrac{1}{4}|$. find the',
      match: { kind: 'eval-set', name: 'aime24', index: 3 },
    });
  });

  it('should flag every copied AIME problem embedded in a longer, reformatted question', () => {
    const embedded = aime24.map(
      (problem) => `Here is a hard one.\n\n${problem.toUpperCase()}\n\nShow all your work.`,
    );
    expect(decide(embedded)?.filter((decision) => decision.keep)).toEqual([]);
  });

  it('should keep a paraphrase that shares no 8 consecutive words', () => {
    // Swapping every 7th word leaves windows of at most 6 original words.
    const paraphrase = (problem: string) =>
      problem
        .split(/\s+/)
        .map((word, index) => (index % 7 === 6 ? `zz${index}` : word))
        .join(' ');
    const decisions = decide([...aime24, ...math500].map(paraphrase)) ?? [];
    expect(decisions.filter((decision) => !decision.keep)).toEqual([]);
  });

  it('should never flag a question under 8 words, even one copied from a set', () => {
    const short = math500.filter((problem) => problem.trim().split(/\s+/).length < 8);
    expect(short.length).toBeGreaterThan(10);
    expect(decide(short)?.every((decision) => decision.keep)).toBe(true);
  });

  it('should flag any question holding an 8-word window of an eval problem (property)', () => {
    const problems = [...math500, ...aime24].filter((problem) => problem.split(/\s+/).length > 8);
    fc.assert(
      fc.property(
        fc.nat({ max: problems.length - 1 }),
        fc.nat(),
        fc.string(),
        fc.string(),
        (problemIndex, offset, before, after) => {
          const words = (problems[problemIndex] ?? '').trim().split(/\s+/);
          const start = offset % (words.length - 7);
          const window = words.slice(start, start + 8).join(' ');
          expect(decide([`${before} ${window} ${after}`])?.[0]?.keep).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('decontaminate across sources', () => {
  const base = 'a fair coin is tossed ten times in a row';
  const evalSets = [
    { name: 'eval', questions: ['completely unrelated words one two three four five'] },
  ];

  it("should drop a later source's question that copies an earlier source's survivor", () => {
    const sources = [
      { name: 'first', questions: [base] },
      { name: 'second', questions: [`Warm-up: ${base}. How many heads?`] },
    ];
    expect(decontaminate(sources, evalSets)[1]?.decisions).toEqual([
      {
        keep: false,
        reason: 'contaminated',
        ngram: 'a fair coin is tossed ten times in',
        match: { kind: 'source', name: 'first', index: 0 },
      },
    ]);
    expect(decontaminate(sources, evalSets, { cumulative: false })[1]?.decisions).toEqual([
      { keep: true },
    ]);
  });

  it('should not add dropped questions to the pool', () => {
    const contaminated = `${evalSets[0]?.questions[0]} plus ${base}`;
    const result = decontaminate(
      [
        { name: 'first', questions: [contaminated] },
        { name: 'second', questions: [base] },
      ],
      evalSets,
    );
    expect(result.map(({ decisions }) => decisions[0]?.keep)).toEqual([false, true]);
  });

  it('should not n-gram dedup within a source', () => {
    const result = decontaminate([{ name: 'only', questions: [base, `${base}, twice`] }], evalSets);
    expect(result[0]?.decisions).toEqual([{ keep: true }, { keep: true }]);
  });

  it('should keep the first of exact duplicates, also of short questions across sources', () => {
    const result = decontaminate(
      [
        { name: 'first', questions: ['Compute 2+2.', base, base] },
        { name: 'second', questions: ['Compute 2+2.', 'compute 2+2.'] },
      ],
      evalSets,
    );
    expect(result).toEqual([
      {
        name: 'first',
        decisions: [
          { keep: true },
          { keep: true },
          {
            keep: false,
            reason: 'duplicate',
            duplicateOf: { kind: 'source', name: 'first', index: 1 },
          },
        ],
      },
      {
        name: 'second',
        decisions: [
          {
            keep: false,
            reason: 'duplicate',
            duplicateOf: { kind: 'source', name: 'first', index: 0 },
          },
          { keep: true },
        ],
      },
    ]);
  });

  it('should ignore common n-grams only when asked', () => {
    const boilerplate = 'express your answer as a common fraction in lowest terms';
    const questions = ['red', 'green', 'blue', 'pink'].map(
      (color) => `A ${color} box. ${boilerplate}.`,
    );
    const evalQuestion = { name: 'eval', questions: [`What is 1/2 of 1/3? ${boilerplate}.`] };
    const kept = (options = {}) =>
      decontaminate([{ name: 'train', questions }], [evalQuestion], options)[0]?.decisions.filter(
        (decision) => decision.keep,
      ).length;
    expect(kept()).toBe(0);
    expect(kept({ ignoreCommonNgrams: { documentFraction: 0.5 } })).toBe(4);
    expect(kept({ ignoreCommonNgrams: { documentFraction: 1 } })).toBe(0);
  });

  it('should use the given n', () => {
    const result = decontaminate(
      [{ name: 'train', questions: ['one two three'] }],
      [{ name: 'eval', questions: ['zero one two three'] }],
      { n: 3 },
    );
    expect(result[0]?.decisions[0]).toMatchObject({ keep: false, ngram: 'one two three' });
  });

  it('should reject bad options', () => {
    expect(() => decontaminate([], [], { n: 1.5 })).toThrow(/decontamination arguments/);
    expect(() => decontaminate([], [], { ignoreCommonNgrams: { documentFraction: 0 } })).toThrow(
      /documentFraction/,
    );
  });
});
