import { describe, expect, it } from 'vitest';
import { formatS1 } from './format-s1';

const s1KRow = {
  question: 'How many r are in "raspberry"?',
  solution: '3',
  cot_type: 'english',
  source_type: 'handwritten',
  metadata: "{'level': 1}",
  cot: null,
  thinking_trajectories: ['  r-a-s-p-b-e-r-r-y: r at 1, 7, 8.\n', 'So three.  '],
  attempt: ' There are 3. ',
};

// The text of s1's data/tokenization.py (github.com/simplescaling/s1), written out by hand.
const systemBlock =
  '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n';

describe('formatS1', () => {
  it('should build the s1K_tokenized text: default system prompt, joined and stripped thinking, "Answer: " prefix', () => {
    expect(formatS1(s1KRow)).toBe(
      `${systemBlock}<|im_start|>user\nHow many r are in "raspberry"?<|im_end|>\n` +
        '<|im_start|>assistant\n<|im_start|>think\nr-a-s-p-b-e-r-r-y: r at 1, 7, 8.\n\nSo three.\n' +
        // The prefix goes on before the strip, so the attempt's leading space stays.
        '<|im_start|>answer\nAnswer:  There are 3.<|im_end|>\n',
    );
  });

  it('should keep an attempt that already contains "Answer:" unprefixed', () => {
    const text = formatS1({ ...s1KRow, attempt: 'Final Answer: 3' });
    expect(text).toContain('<|im_start|>answer\nFinal Answer: 3<|im_end|>\n');
  });

  it('should take the DeepSeek traces of an s1K-1.1 row by default and Gemini ones on request', () => {
    const row = {
      question: 'q',
      solution: 's',
      cot_type: 'math',
      source_type: 'x',
      metadata: '{}',
      gemini_thinking_trajectory: 'gemini thinks',
      gemini_attempt: 'gemini says 1',
      deepseek_thinking_trajectory: ['deepseek', 'thinks'],
      deepseek_attempt: 'deepseek says 2',
      gemini_grade: 'Yes',
      gemini_grade_reason: '',
      deepseek_grade: 'No',
      deepseek_grade_reason: '',
    };
    expect(formatS1(row)).toContain(
      'think\ndeepseek\nthinks\n<|im_start|>answer\nAnswer: deepseek says 2',
    );
    expect(formatS1(row, { traces: 'gemini' })).toContain('think\ngemini thinks\n');
  });

  it('should write the think-tags format and a custom system prompt', () => {
    const text = formatS1(
      { question: 'q', thinking: 't', answer: 'a' },
      { format: 'think-tags', system: 'Be brief.' },
    );
    expect(text).toMatch(/^<\|im_start\|>system\nBe brief\.<\|im_end\|>\n/);
    expect(text).toContain('<think>');
    expect(text).toContain('</think>');
  });

  it('should refuse a row in no known schema, naming the field', () => {
    expect(() => formatS1({ question: 'q', thinking: 7, answer: 'a' })).toThrow(/thinking/);
  });
});
