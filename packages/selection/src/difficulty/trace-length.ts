import type { Tokenizer } from '@s1/chat-template';

/**
 * Difficulty signal 2 (`gemini_length` in s1's `data/featurization.py`,
 * github.com/simplescaling/s1): the length of a reasoning trace in tokens, no special
 * tokens added (s1: the Qwen2.5-32B-Instruct tokenizer on `thinking_trajectories[0]`).
 *
 * @example
 * traceLength(row.thinking_trajectories[0], await loadTokenizer('Qwen2.5-32B-Instruct')); // 4231
 */
export function traceLength(text: string, tokenizer: Pick<Tokenizer, 'encode'>): number {
  return tokenizer.encode(text).length;
}
