import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoKinds, demoProblems, labelled, questionDigits, runningValues } from './demo-task';

describe('demoProblems', () => {
  it('should make the same distinct problems for a seed, every kind at every length', () => {
    const problems = demoProblems({ count: 300, lengths: [2, 3, 4, 5, 6], seed: 3 });
    expect(demoProblems({ count: 300, lengths: [2, 3, 4, 5, 6], seed: 3 })).toEqual(problems);
    expect(new Set(problems.map((problem) => problem.question)).size).toBe(300);
    const domains = new Set(problems.map((problem) => problem.domain));
    expect(domains.size).toBe(demoKinds.length * 5);
  });

  it('should write traces that reach the gold answer, but for the slips it was asked for', () => {
    const problems = demoProblems({ count: 2000, lengths: [3, 4, 5], seed: 1, slips: 0.1 });
    const slipped = problems.filter(({ question, thinking }) => {
      const { kind, digits } = questionDigits(question) ?? { kind: 'max', digits: [] };
      return thinking !== labelled(runningValues(kind, digits));
    });
    expect(slipped.length / problems.length).toBeGreaterThan(0.07);
    expect(slipped.length / problems.length).toBeLessThan(0.13);
    for (const problem of problems.filter((problem) => !slipped.includes(problem)))
      expect(problem.answer).toBe(`\\boxed{${problem.gold}}`);
  });

  it('should leave out the questions it is told to, and stop when too few lists are left', () => {
    const test = demoProblems({ count: 50, lengths: [2], seed: 1 });
    const pool = demoProblems({
      count: 1000,
      lengths: [2],
      seed: 2,
      exclude: new Set(test.map((problem) => problem.question)),
    });
    // Two digits make 100 lists a kind, 200 in all, 50 of them held out: drawn at random, nearly
    // all of the 150 others are found before the draws run out.
    expect(pool.length).toBeGreaterThan(140);
    expect(pool.length).toBeLessThanOrEqual(150);
    expect(pool.some((problem) => test.some((held) => held.question === problem.question))).toBe(
      false,
    );
  });
});

describe('questionDigits', () => {
  it('should read back the kind and digits of every question the task makes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...demoKinds),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 10 }),
        (kind, digits) => {
          const name = { max: 'Max', min: 'Min' }[kind];
          expect(questionDigits(`${name} ${labelled(digits)}`)).toEqual({ kind, digits });
        },
      ),
    );
  });

  it('should refuse what is not a question of the task', () => {
    for (const text of ['Max', 'Max 1 2', 'Sum a1 b2', 'Min a1 b22', 'Max a1  b2'])
      expect(questionDigits(text)).toBeUndefined();
  });
});

describe('runningValues', () => {
  it('should keep the largest and the smallest so far', () => {
    expect(runningValues('max', [3, 1, 7, 2])).toEqual([3, 3, 7, 7]);
    expect(runningValues('min', [3, 1, 7, 0])).toEqual([3, 1, 1, 0]);
  });
});
