import type { BenchmarkProblem } from '../benchmarks/benchmark';
import { normalizeIntegerAnswer } from '../benchmarks/normalize-integer-answer';
import { mathEqual } from '../equivalence/math-equivalence';
import { extractAnswer } from '../extraction/extract-answer';
import type { FidelityOptions } from '../extraction/fidelity';
import { gpqaChoice } from '../extraction/gpqa-choice';
import type { Grade } from '../runner/run-eval';

/**
 * Extracts and grades one response, offline and deterministically: an AIME integer by its
 * digits, a MATH answer with `mathEqual`, a GPQA letter by the choice rule. With
 * `fidelity: 'reference'` it grades as the s1 harness does without its LLM judge: exact string
 * equality after `str(int(·))`, and the letter default `'A'`.
 *
 * @example
 * gradeAnswer({ kind: 'integer', answer: '73', … }, '<|im_start|>answer\nAnswer: $\\boxed{073}$'); // { answer: '073', correct: true }
 */
export function gradeAnswer(
  problem: Pick<BenchmarkProblem, 'kind' | 'answer'>,
  response: string,
  options: FidelityOptions = {},
): Grade {
  const reference = options.fidelity === 'reference';
  const extracted = extractAnswer(response, options);
  // The harness grades the whole segment when nothing was extracted.
  const answer = reference ? (extracted.answer ?? extracted.segment) : extracted.answer;
  if (answer === undefined) return { answer, correct: false };
  switch (problem.kind) {
    case 'choice': {
      const letter = gpqaChoice(answer, options);
      return { answer: letter ?? answer, correct: letter === problem.answer };
    }
    case 'integer':
    case 'math': {
      const digitsEqual = normalizeIntegerAnswer(answer) === normalizeIntegerAnswer(problem.answer);
      return {
        answer,
        correct: reference ? digitsEqual : digitsEqual || mathEqual(answer, problem.answer),
      };
    }
  }
}
