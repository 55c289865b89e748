import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { traceLength } from './trace-length';

describe('traceLength', () => {
  it('should count Qwen2.5 tokens without adding special tokens', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(traceLength('hello', tokenizer)).toBe(1);
    expect(traceLength('hello <|im_end|>', tokenizer)).toBe(3);
    expect(traceLength('', tokenizer)).toBe(0);
  });
});
