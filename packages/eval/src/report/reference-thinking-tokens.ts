import type { Tokenizer } from '@s1/chat-template';

/**
 * Thinking tokens of a response as s1's `eval/compute_sample_stats.py`
 * (github.com/simplescaling/s1) counts them: the
 * text before the first `<|im_start|>answer`, without its first line (`<|im_start|>think`) and
 * its last line, re-joined and tokenized. The figures' x-values are averages of this count.
 *
 * @example
 * referenceThinkingTokens('<|im_start|>think\nline one\nline two\n<|im_start|>answer\n42', tokenizer);
 * // tokens of "line one\nline two"
 */
export function referenceThinkingTokens(response: string, tokenizer: Tokenizer): number {
  const lines = (response.split('<|im_start|>answer')[0] as string).split('\n');
  const thinking = lines.slice(1, -1).join('\n');
  return tokenizer.encode(thinking).length;
}
