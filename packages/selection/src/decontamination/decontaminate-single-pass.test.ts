import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecontaminationDecision, decontaminate, type QuestionOrigin } from './decontaminate';
import { createNgramIndex } from './ngram-index';

// s1's rule as first written: every question of a source checked against the pool, then the
// survivors added and deduplicated. `decontaminate` checks and adds each question in one pass.
function checkThenAdd(
  sources: { name: string; questions: string[] }[],
  evalSets: { name: string; questions: string[] }[],
  n: number,
) {
  const pool = createNgramIndex<QuestionOrigin>(
    evalSets.flatMap(({ name, questions }) =>
      questions.map((text, index) => ({ text, source: { kind: 'eval-set', name, index } })),
    ),
    { n },
  );
  const firstSeen = new Map<string, QuestionOrigin>();
  return sources.map(({ name, questions }) => {
    const decisions = questions.map((question): DecontaminationDecision => {
      const match = pool.firstMatch(question);
      return match
        ? { keep: false, reason: 'contaminated', ngram: match.ngram, match: match.source }
        : { keep: true };
    });
    questions.forEach((question, index) => {
      if (!decisions[index]?.keep) return;
      const origin: QuestionOrigin = { kind: 'source', name, index };
      pool.add(question, origin);
      const duplicateOf = firstSeen.get(question);
      if (duplicateOf) decisions[index] = { keep: false, reason: 'duplicate', duplicateOf };
      else firstSeen.set(question, origin);
    });
    return { name, decisions };
  });
}

describe('decontaminate in one pass', () => {
  it('should decide as checking a whole source, then adding its survivors (property)', () => {
    // Few words and small n: shared n-grams within and across sources are the rule.
    const text = fc
      .array(fc.constantFrom('a', 'b', 'C', 'd'), { maxLength: 7 })
      .map((words) => words.join(' '));
    const sets = fc.array(
      fc.record({ name: fc.constantFrom('p', 'q'), questions: fc.array(text, { maxLength: 6 }) }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(sets, sets, fc.integer({ min: 1, max: 3 }), (sources, evalSets, n) => {
        expect(decontaminate(sources, evalSets, { n })).toEqual(checkThenAdd(sources, evalSets, n));
      }),
      { numRuns: 500 },
    );
  });
});
