import { createScriptedBackend } from '@s1/budget-forcing/testing';
import type { Tokenizer } from '@s1/chat-template';
import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { gradeAnswerWithJudge } from '../grading/grade-with-judge';
import { createLlmJudge } from './llm-judge';

/**
 * A scripted judge: it reads the rendered question and replies "1" when the attempt says
 * "half", "C" when it says "third", "-1" otherwise, then ends its turn.
 */
function scriptedJudge(tokenizer: Tokenizer) {
  const eos = tokenizer.idOf('<|im_end|>');
  const header = '<|im_start|>assistant\n';
  return createScriptedBackend({
    tokenizer,
    model: (context) => {
      const text = tokenizer.decode(context);
      const question = text.slice(0, text.lastIndexOf(header));
      const attempt = question.slice(question.lastIndexOf('Attempt:'));
      const reply = attempt.includes('half') ? '1' : attempt.includes('third') ? 'C' : '-1';
      const written = text.slice(text.lastIndexOf(header) + header.length);
      const rest = reply.startsWith(written) ? reply.slice(written.length) : '';
      return [rest === '' ? eos : (tokenizer.encode(rest)[0] as number), eos];
    },
  });
}

describe('createLlmJudge', () => {
  it('should ask through a backend and read an index, a letter, or no match', async () => {
    const tokenizer = await qwen25Tokenizer();
    const backend = scriptedJudge(tokenizer);
    const judge = createLlmJudge({ backend });
    expect(await judge.matchOption('one half', ['0.5'])).toBe(1);
    expect(await judge.matchOption('a quarter', ['0.5'])).toBeUndefined();
    expect(await judge.pickChoice('Which?\nA) x\nB) y\nC) z\nD) w', 'the third one')).toBe('C');
    const last = backend.calls.at(-1);
    const prompt = last?.kind === 'open' ? last.promptIds : (last?.prompt ?? '');
    const asked = typeof prompt === 'string' ? prompt : tokenizer.decode(prompt);
    expect(asked).toMatch(
      /^<\|im_start\|>system\n.*<\|im_start\|>user\nLook at the following question/s,
    );
    expect(asked).toMatch(/Attempt: the third one<\|im_end\|>\n<\|im_start\|>assistant\n$/);
  });

  it('should let the judge rescue answers the offline rules miss, and only those', async () => {
    const tokenizer = await qwen25Tokenizer();
    const judge = createLlmJudge({ backend: scriptedJudge(tokenizer) });
    const math = { kind: 'math' as const, answer: '0.5', prompt: 'p' };
    expect(await gradeAnswerWithJudge(math, 'Answer: one half', { judge })).toEqual({
      answer: '0.5',
      correct: true,
    });
    expect(await gradeAnswerWithJudge(math, 'Answer: a quarter', { judge })).toMatchObject({
      correct: false,
    });
    expect(await gradeAnswerWithJudge(math, 'Answer: \\frac{1}{2}', { judge })).toEqual({
      answer: '\\frac{1}{2}',
      correct: true,
    });
    const choice = {
      kind: 'choice' as const,
      answer: 'C',
      prompt: 'Which?\nA) x\nB) y\nC) z\nD) w',
    };
    expect(await gradeAnswerWithJudge(choice, 'Answer: the third one', { judge })).toEqual({
      answer: 'C',
      correct: true,
    });
  });
});
