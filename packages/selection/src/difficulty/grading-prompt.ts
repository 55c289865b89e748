import type { GradeRequest } from './solver-types';

/**
 * The grader's instructions, in our words, with the rules of s1's `data/grading.txt`
 * (github.com/simplescaling/s1): compare with the correct answer, no ambiguity for a final number
 * or choice, judge the reasoning otherwise, explain, end with a line holding only "Yes" or "No".
 */
export const gradingSystemPrompt = [
  'You grade attempts at science and mathematics problems.',
  'You are given a problem, an attempt at it, and the correct answer. Decide whether the attempt is correct by comparing it with the correct answer.',
  'If the correct answer ends in a number or a choice (such as a letter), the attempt must reach that same number or choice without any ambiguity.',
  'If the correct answer is a full line of reasoning rather than a single result, judge whether the reasoning of the attempt is correct, using the final answer where it helps.',
  'Explain your judgement first. Then end your reply with a new line that holds only "Yes" or "No" (without quotes).',
].join('\n');

/**
 * The grader's user message, exactly as s1 wrote it (`data/featurization.py` in
 * github.com/simplescaling/s1).
 *
 * @example
 * gradingUserPrompt({ question: 'What is 17 x 3?', attempt: '51', solution: '51' });
 * // '## Problem\nWhat is 17 x 3?\n\n## Attempt\n51\n\n## Correct answer\n51'
 */
export function gradingUserPrompt({
  question,
  attempt,
  solution,
}: GradeRequest & { solution: string }): string {
  return `## Problem\n${question}\n\n## Attempt\n${attempt}\n\n## Correct answer\n${solution}`;
}
