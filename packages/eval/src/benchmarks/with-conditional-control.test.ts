import { describe, expect, it } from 'vitest';
import type { BenchmarkProblem } from './benchmark';
import { withConditionalControl } from './with-conditional-control';

const problem: BenchmarkProblem = { id: '1', prompt: 'What is 2 + 2?', answer: '4', kind: 'math' };
const gpqa: BenchmarkProblem = {
  id: 'rec1',
  prompt: 'Which?\n\nA) w\nB) x\nC) y\nD) z',
  answer: 'B',
  kind: 'choice',
  choices: ['w', 'x', 'y', 'z'],
};

describe('withConditionalControl', () => {
  it.each([
    [{ kind: 'tokens', limit: 4096 } as const, 'What is 2 + 2?\n\nThink for up to 4096 tokens.'],
    [{ kind: 'steps', limit: 64 } as const, 'What is 2 + 2?\n\nThink for up to 64 steps.'],
    [
      { kind: 'long' } as const,
      'What is 2 + 2?\n\nAnswer after a long amount of thinking. If you feel like you are finished early, spend the extra time trying to double-check your work until you are absolutely sure that you have the correct answer.',
    ],
    [
      { kind: 'short' } as const,
      'What is 2 + 2?\n\nAnswer after a short amount of thinking. Do not spend excessive time double-checking your work.',
    ],
  ])('should append the §2.6 instruction for %o', (control, prompt) => {
    expect(withConditionalControl(problem, control)).toEqual({ ...problem, prompt });
  });

  it('should put the instruction after the GPQA choices and keep the gold', () => {
    expect(withConditionalControl(gpqa, { kind: 'short' })).toMatchObject({
      prompt: `${gpqa.prompt}\n\nAnswer after a short amount of thinking. Do not spend excessive time double-checking your work.`,
      answer: 'B',
      choices: gpqa.choices,
    });
  });
});
