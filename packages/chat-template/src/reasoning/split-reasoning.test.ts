import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { defineReasoningFormat } from './reasoning-format';
import { splitReasoning } from './split-reasoning';

describe('splitReasoning', () => {
  it('should split an s1 output where thinking ended naturally', () => {
    expect(
      splitReasoning('<|im_start|>think\nr-a-s-p\n\nthree\n<|im_start|>answer\nAnswer: 3', 's1'),
    ).toEqual({ thinking: 'r-a-s-p\n\nthree', answer: 'Answer: 3', thinkingClosed: true });
  });

  it('should split the harness text of a forced end (budget hit)', () => {
    const text = '<|im_start|>think\nsome reasoning\n<|im_start|>answer\nFinal Answer: \\boxed{42}';
    expect(splitReasoning(text, 's1')).toEqual({
      thinking: 'some reasoning',
      answer: 'Final Answer: \\boxed{42}',
      thinkingClosed: true,
    });
  });

  it('should parse model output when the prompt already opened thinking', () => {
    expect(
      splitReasoning('\nsteps\n<|im_start|>answer\n7', 's1', { startInThinking: true }),
    ).toEqual({
      thinking: 'steps',
      answer: '7',
      thinkingClosed: true,
    });
  });

  it('should end s1 thinking on any <|im_start|>, keeping an unexpected header in the answer', () => {
    expect(splitReasoning('<|im_start|>think\nabc<|im_start|>user\nhi', 's1')).toEqual({
      thinking: 'abc',
      answer: '<|im_start|>user\nhi',
      thinkingClosed: true,
    });
  });

  it('should report unterminated thinking as not closed and keep its trailing newline', () => {
    expect(splitReasoning('<|im_start|>think\nstill going\n', 's1')).toEqual({
      thinking: 'still going\n',
      answer: '',
      thinkingClosed: false,
    });
  });

  it('should treat text without the start delimiter as all answer', () => {
    expect(splitReasoning('  The answer is 3.', 's1')).toEqual({
      thinking: '',
      answer: '  The answer is 3.',
      thinkingClosed: false,
    });
  });

  it('should split the think-tags format of DeepSeek-R1 and Qwen3', () => {
    expect(splitReasoning('<think>\nhmm\n</think>\n\nIt is 5.', 'think-tags')).toEqual({
      thinking: 'hmm',
      answer: 'It is 5.',
      thinkingClosed: true,
    });
    expect(splitReasoning('\n<think></think>Direct', 'think-tags')).toEqual({
      thinking: '',
      answer: 'Direct',
      thinkingClosed: true,
    });
  });

  it('should accept a custom format', () => {
    const format = defineReasoningFormat({
      name: 'scratch',
      start: '[[',
      end: ']]',
      answerPrefix: ' ',
    });
    expect(splitReasoning('[[a]b]] c', format)).toEqual({
      thinking: 'a]b',
      answer: 'c',
      thinkingClosed: true,
    });
  });

  it('should reject a custom format whose end detection is not a prefix of its end', () => {
    expect(() =>
      defineReasoningFormat({ name: 'bad', start: '<a>', end: '</a>', endDetection: '<b' }),
    ).toThrow(InvalidArgumentError);
  });

  it('should reject an unknown format name', () => {
    // @ts-expect-error: not a built-in format
    expect(() => splitReasoning('x', 'r1')).toThrow(/unknown format "r1"/);
  });
});
