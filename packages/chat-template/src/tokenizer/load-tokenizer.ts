import { basename, dirname, join } from 'node:path';
import { FileNotFoundError } from '@s1/errors';
import { z } from 'zod';
import { readJsonFile } from '../read-json-file';
import { statOrUndefined } from '../stat-or-undefined';
import { createTokenizer } from './create-tokenizer';
import type { Tokenizer } from './tokenizer';

/**
 * Loads a tokenizer from a Hugging Face model folder (or its `tokenizer.json` file), reading
 * `tokenizer_config.json` beside it when present.
 *
 * @example
 * const tokenizer = await loadTokenizer('./Qwen2.5-0.5B-Instruct');
 * tokenizer.encode('<|im_start|>think\nHello Wait<|im_end|>');
 * // [151644, 26865, 198, 9707, 13824, 151645]
 */
export async function loadTokenizer(path: string): Promise<Tokenizer> {
  const info = await statOrUndefined(path);
  const tokenizerFile = info?.isDirectory() ? join(path, 'tokenizer.json') : path;
  if (!(await statOrUndefined(tokenizerFile))?.isFile()) {
    throw new FileNotFoundError({
      what: 'tokenizer',
      lookedFor: [tokenizerFile],
      hint: 'Pass a Hugging Face model folder that contains tokenizer.json, or the path of a tokenizer.json file.',
    });
  }
  const configFile = join(dirname(tokenizerFile), 'tokenizer_config.json');
  const tokenizerConfig = (await statOrUndefined(configFile))?.isFile()
    ? await readJsonFile(configFile, z.looseObject({}))
    : {};
  return createTokenizer({
    tokenizerJson: await readJsonFile(tokenizerFile, z.looseObject({})),
    tokenizerConfig,
    name: info?.isDirectory() ? basename(path) : tokenizerFile,
  });
}
