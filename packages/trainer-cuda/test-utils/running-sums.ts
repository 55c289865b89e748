import { createSeededRandom } from '@s1/errors';

/** A running-sum problem: its digits, the question, the thinking trace and the boxed answer. */
export interface RunningSumProblem {
  digits: number[];
  question: string;
  thinking: string;
  answer: string;
}

/**
 * Problems whose answer needs several steps: the sum of a list of digits, thought through as the
 * running sums ("3 5 2" → "3 8 10") and answered boxed. Seeded; `count` distinct lists of
 * `length` digits.
 */
export function runningSumProblems({
  count,
  length,
  seed,
}: {
  count: number;
  length: number;
  seed: number;
}): RunningSumProblem[] {
  const random = createSeededRandom(seed);
  const seen = new Set<string>();
  const problems: RunningSumProblem[] = [];
  while (problems.length < count) {
    const digits = Array.from({ length }, () => Math.floor(random.uniform() * 10));
    const key = digits.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    let total = 0;
    const sums = digits.map((digit) => (total += digit));
    problems.push({
      digits,
      question: `Sum ${key}`,
      thinking: sums.join(' '),
      answer: `\\boxed{${total}}`,
    });
  }
  return problems;
}
