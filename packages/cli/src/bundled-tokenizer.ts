import { resolveQwen25TokenizerFolder } from '@s1/errors';

/**
 * The folder of the Qwen2.5 tokenizer shipped with the CLI (the one s1 trains and counts with),
 * resolved from the CLI, which depends on its package.
 */
export function bundledTokenizerFolder(): string {
  return resolveQwen25TokenizerFolder(import.meta.url);
}
