import { createTokenizer } from '@s1/chat-template';
import { formatS1 } from '@s1/sft-data';
import { describe, expect, it } from 'vitest';
import { demoTokenizer } from './demo-tokenizer';

const tokenizer = createTokenizer(demoTokenizer());
const pieces = (text: string) => tokenizer.encode(text).map((id) => tokenizer.decode([id]));

describe('demoTokenizer', () => {
  it("should make each of the template's words one token and keep digits one token each", () => {
    const text = formatS1({ question: 'Max a8 b4 c9', thinking: 'a8 b8 c9', answer: '\\boxed{9}' });
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    const tokens = pieces(text);
    for (const word of ['system', ' Qwen', ' Alibaba', 'assistant', 'think', 'answer', 'Answer'])
      expect(tokens).toContain(word);
    expect(pieces(' b12')).toEqual([' b', '1', '2']);
    // About half of what the 256 bytes alone would make of it.
    expect(tokens.length).toBeLessThan(new TextEncoder().encode(text).length / 2);
  });

  it('should keep what budget forcing writes whole: the continuation and the forced answer', () => {
    expect(pieces('Wait')).toEqual(['Wait']);
    expect(pieces('Answer:')).toEqual(['Answer', ':']);
  });
});
