import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tokenizer files as JSON objects (tokenizer.json and tokenizer_config.json). */
export interface TokenizerFiles {
  /** The parsed tokenizer.json. */
  tokenizerJson: Record<string, unknown>;
  /** The parsed tokenizer_config.json. */
  tokenizerConfig: Record<string, unknown>;
}

/**
 * Reads `tokenizer.json` and `tokenizer_config.json` from `folder`, as `createTinyQwen2`'s
 * `vocab` takes them.
 *
 * @example
 * createTinyQwen2({ vocab: readTokenizerFiles(resolveQwen25TokenizerFolder(import.meta.url)) });
 */
export function readTokenizerFiles(folder: string): TokenizerFiles {
  const read = (name: string) => JSON.parse(readFileSync(join(folder, name), 'utf8'));
  return { tokenizerJson: read('tokenizer.json'), tokenizerConfig: read('tokenizer_config.json') };
}
