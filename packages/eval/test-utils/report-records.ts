import type { SampleRecord } from '../src/runner/sample-record';

/** One graded sample, with a trace of `thinkingTokens` lines of thinking. */
export const record = (
  config: string,
  max: number,
  problemId: string,
  sample: number,
  answer: string,
  gold: string,
  thinkingTokens: number,
): SampleRecord => ({
  problemId,
  config,
  sample,
  prompt: 'q',
  text: `<|im_start|>think\n${'step\n'.repeat(thinkingTokens)}<|im_start|>answer\n${answer}`,
  gold,
  answer,
  correct: answer === gold,
  thinkingTokens,
  answerTokens: 1,
  hitBudget: false,
  max,
});

/** Two budgets, two problems, four samples each; the report tests work their numbers out by hand. */
export const sweepRecords: SampleRecord[] = [
  ...['1', '1', '2', '2'].map((answer, sample) => record('max=8', 8, 'a', sample, answer, '1', 8)),
  ...['5', '3', '3', '5'].map((answer, sample) => record('max=8', 8, 'b', sample, answer, '3', 8)),
  ...['1', '2', '1', '1'].map((answer, sample) =>
    record('max=32', 32, 'a', sample, answer, '1', 32),
  ),
  ...['3', '3', '5', '3'].map((answer, sample) =>
    record('max=32', 32, 'b', sample, answer, '3', 16),
  ),
];
