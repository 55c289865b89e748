import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileNotFoundError } from '@s1/errors';
import { z } from 'zod';
import { readJsonFile } from '../read-json-file';
import { statOrUndefined } from '../stat-or-undefined';
import type { ChatTemplate } from './chat-template';
import {
  type ChatTemplateSource,
  type CreateChatTemplateOptions,
  createChatTemplate,
  type TokenizerConfig,
  tokenizerConfigSchema,
} from './create-chat-template';

/**
 * Options of {@link loadChatTemplate}: a `path` (a model folder or a template file) with compile
 * options, or anything {@link createChatTemplate} accepts.
 */
export type LoadChatTemplateOptions =
  | CreateChatTemplateOptions
  | ({
      /**
       * A model folder, or a `chat_template.jinja`, `chat_template.json` or
       * `tokenizer_config.json` file.
       */
      path: string;
    } & Omit<CreateChatTemplateOptions, keyof ChatTemplateSource>);

const chatTemplateJsonSchema = z.looseObject({
  chat_template: tokenizerConfigSchema.shape.chat_template,
});

/**
 * Loads a chat template from a Hugging Face model folder or file, or from any source
 * `createChatTemplate` accepts.
 *
 * A folder is searched for `chat_template.jinja`, then `chat_template.json`, then the
 * `chat_template` of `tokenizer_config.json`; special tokens come from `tokenizer_config.json`.
 * A file may be any of these three.
 *
 * @example
 * const template = await loadChatTemplate({ path: './Qwen2.5-0.5B-Instruct' });
 */
export async function loadChatTemplate(options: LoadChatTemplateOptions): Promise<ChatTemplate> {
  if (!('path' in options)) return createChatTemplate(options);
  const { path, ...compileOptions } = options;
  const isFolder = (await statOrUndefined(path))?.isDirectory();
  if (isFolder === undefined) {
    throw new FileNotFoundError({
      what: 'chat template',
      lookedFor: [path],
      hint: 'Pass a model folder, a tokenizer_config.json, a chat_template.json or a chat_template.jinja.',
    });
  }
  const folder = isFolder ? path : dirname(path);
  const configFile = join(folder, 'tokenizer_config.json');
  const config: TokenizerConfig = (await statOrUndefined(configFile))?.isFile()
    ? await readJsonFile(configFile, tokenizerConfigSchema)
    : {};
  const candidates = isFolder
    ? ['chat_template.jinja', 'chat_template.json', 'tokenizer_config.json'].map((file) =>
        join(folder, file),
      )
    : [path];

  for (const file of candidates) {
    if (!(await statOrUndefined(file))?.isFile()) continue;
    const chatTemplate = file.endsWith('.jinja')
      ? await readFile(file, 'utf8')
      : (await readJsonFile(file, chatTemplateJsonSchema)).chat_template;
    if (chatTemplate === undefined) continue;
    return createChatTemplate({
      ...compileOptions,
      name: compileOptions.name ?? (isFolder ? `${basename(folder)}/${basename(file)}` : file),
      tokenizerConfig: { ...config, chat_template: chatTemplate },
    });
  }
  throw new FileNotFoundError({
    what: 'chat template',
    lookedFor: candidates.map((file) =>
      file.endsWith('.jinja') ? file : `${file} (key "chat_template")`,
    ),
    hint: "Add a chat template to the model, pass { template: '…' }, or use a bundled preset ({ preset: 's1' } or { preset: 'qwen2.5' }).",
  });
}
