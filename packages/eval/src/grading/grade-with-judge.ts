import type { BenchmarkProblem } from '../benchmarks/benchmark';
import { extractAnswer } from '../extraction/extract-answer';
import type { FidelityOptions } from '../extraction/fidelity';
import type { LlmJudge } from '../judge/llm-judge';
import type { Grade } from '../runner/run-eval';
import { gradeAnswer } from './grade-answer';

/**
 * `gradeAnswer`, then the LLM judge for what the offline rules call wrong: the judge may find
 * the answer equivalent to the gold (AIME, MATH) or read the picked letter (GPQA), as s1's
 * grader does with gpt-4o-mini.
 *
 * @example
 * const grade = await gradeAnswerWithJudge(problem, text, { judge: createLlmJudge({ backend }) });
 */
export async function gradeAnswerWithJudge(
  problem: Pick<BenchmarkProblem, 'kind' | 'answer' | 'prompt'>,
  response: string,
  options: FidelityOptions & { judge: LlmJudge },
): Promise<Grade> {
  const { judge, ...fidelity } = options;
  const offline = gradeAnswer(problem, response, fidelity);
  if (offline.correct) return offline;
  const { answer, segment } = extractAnswer(response, fidelity);
  if (problem.kind === 'choice') {
    const letter = await judge.pickChoice(problem.prompt, segment);
    return letter === undefined ? offline : { answer: letter, correct: letter === problem.answer };
  }
  const match = await judge.matchOption(answer ?? segment, [problem.answer]);
  return match === 1 ? { answer: problem.answer, correct: true } : offline;
}
