import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aime24File, math500File } from '../../../../tooling/eval-sets';
import { normalizeIntegerAnswer } from '../benchmarks/normalize-integer-answer';
import { lastBoxedOnlyString } from '../extraction/last-boxed-only-string';
import { removeBoxed } from '../extraction/remove-boxed';
import { mathEqual } from './math-equivalence';

// The public MATH-500 (openai/prm800k, MIT) and AIME 2024 (s1's "aime24_nofigures") sets, the
// repository's copies.
function readJsonl<Row>(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

interface Math500Row {
  solution: string;
  answer: string;
  unique_id: string;
}

// Problems whose boxed solution does not match the `answer` field, with why. Empty: every last
// box of MATH-500 equals its answer.
const math500Misses: Record<string, string> = {};

describe('MATH-500 boxed solutions against their answers', () => {
  const rows = readJsonl<Math500Row>(math500File);

  it('should match at least 99% and miss only the listed problems', () => {
    expect(rows).toHaveLength(500);
    const misses = rows.filter((row) => {
      const box = lastBoxedOnlyString(row.solution, { fidelity: 'reference' });
      return (
        box === undefined || !mathEqual(removeBoxed(box, { fidelity: 'reference' }), row.answer)
      );
    });
    expect(misses.map((row) => row.unique_id)).toEqual(Object.keys(math500Misses));
    expect(misses.length / rows.length).toBeLessThanOrEqual(0.01);
  });

  it('should not match the answer of the next problem unless it is the same value', () => {
    // A false-positive check on real answers: neighbours are unrelated problems.
    const falseEqual = rows.flatMap((row, index) => {
      const next = rows[(index + 1) % rows.length];
      if (next === undefined || !mathEqual(row.answer, next.answer)) return [];
      return [`${row.answer} ~ ${next.answer}`];
    });
    expect(falseEqual).toEqual(sameValueNeighbours);
  });
});

// Neighbouring MATH-500 answers that are genuinely the same value.
const sameValueNeighbours: string[] = ['5 ~ x=5', '7 ~ 7', '3 ~ 3'];

interface AimeRow {
  id: number;
  answer: string;
}

describe('AIME 2024 answers', () => {
  const rows = readJsonl<AimeRow>(aime24File);

  it('should round-trip zero-padded answers through \\boxed and str(int())', () => {
    expect(rows).toHaveLength(30);
    for (const { answer } of rows) {
      const integer = normalizeIntegerAnswer(answer);
      expect(integer).toBe(String(Number(answer)));
      expect(mathEqual(`\\boxed{${answer}}`, integer)).toBe(true);
      expect(mathEqual(answer, String(Number(answer) + 1))).toBe(false);
    }
  });
});
