import { describe, expect, it } from 'vitest';
import { qwen25Tokenizer } from '../../test-utils/qwen25';
import { formatS1 } from '../format/format-s1';
import { ignoreIndex } from './completion-only-labels';
import { tokenizeForSft } from './tokenize-for-sft';

const record = { question: 'What is 2 + 2?', thinking: '2 + 2 = 4.', answer: '4' };

describe('tokenizeForSft', () => {
  it('should train exactly from <|im_start|>think to the final newline with completion-only masking', async () => {
    const tokenizer = await qwen25Tokenizer();
    const text = formatS1(record);
    const { inputIds, labels, attentionMask, truncatedTokens, warnings } = tokenizeForSft(
      text,
      tokenizer,
    );
    expect(inputIds).toEqual(tokenizer.encode(text));
    const header = tokenizer.encode('<|im_start|>assistant\n');
    const headerEnd =
      inputIds.findIndex((_, index) =>
        header.every((id, offset) => inputIds[index + offset] === id),
      ) + header.length;
    expect(labels.slice(0, headerEnd).every((label) => label === ignoreIndex)).toBe(true);
    expect(labels.slice(headerEnd)).toEqual(inputIds.slice(headerEnd));
    expect(tokenizer.decode(inputIds.slice(headerEnd, headerEnd + 2))).toBe('<|im_start|>think');
    expect(tokenizer.decode(inputIds.slice(-2))).toBe('<|im_end|>\n');
    expect(attentionMask.every((value) => value === 1)).toBe(true);
    expect({ truncatedTokens, warnings }).toEqual({ truncatedTokens: 0, warnings: [] });
  });

  it('should give the same labels from messages with assistant-spans masking, minus the final newline', async () => {
    const tokenizer = await qwen25Tokenizer();
    const messages = [
      { role: 'user', content: record.question },
      {
        role: 'assistant',
        content: '<|im_start|>think\n2 + 2 = 4.\n<|im_start|>answer\nAnswer: 4',
      },
    ];
    const completionOnly = tokenizeForSft(messages, tokenizer);
    const spans = tokenizeForSft(messages, tokenizer, { masking: 'assistant-spans' });
    expect(spans.inputIds).toEqual(completionOnly.inputIds);
    const trained = (labels: number[]) => labels.filter((label) => label !== ignoreIndex);
    expect(trained(completionOnly.labels).slice(0, trained(spans.labels).length)).toEqual(
      trained(spans.labels),
    );
  });

  it('should cut at the block size from the right and count what was cut', async () => {
    const tokenizer = await qwen25Tokenizer();
    const full = tokenizeForSft(formatS1(record), tokenizer);
    const cut = tokenizeForSft(formatS1(record), tokenizer, { blockSize: 30 });
    expect(cut.inputIds).toEqual(full.inputIds.slice(0, 30));
    expect(cut.truncatedTokens).toBe(full.inputIds.length - 30);
  });

  it('should mask everything and warn when the text has no assistant header', async () => {
    const tokenizer = await qwen25Tokenizer();
    const result = tokenizeForSft('<|im_start|>user\nhello<|im_end|>\n', tokenizer);
    expect(result.labels.every((label) => label === ignoreIndex)).toBe(true);
    expect(result.warnings).toEqual(['the response template does not occur: no token is trained']);
  });

  it('should refuse assistant-spans masking for plain text and a block size that is not a positive integer', async () => {
    const tokenizer = await qwen25Tokenizer();
    expect(() => tokenizeForSft('text', tokenizer, { masking: 'assistant-spans' })).toThrow(
      /needs messages/,
    );
    expect(() => tokenizeForSft('text', tokenizer, { blockSize: 0 })).toThrow(/blockSize/);
  });
});
