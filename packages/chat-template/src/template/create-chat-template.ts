import { InvalidArgumentError, validate } from '@s1/errors';
import { z } from 'zod';
import { type ChatTemplate, type CompileOptions, compileChatTemplate } from './chat-template';
import { type ChatTemplatePresetName, chatTemplatePresets } from './presets';
import {
  type SpecialTokens,
  specialTokensConfigSchema,
  specialTokensFromConfig,
} from './special-tokens';

const namedTemplatesSchema = z
  .array(
    z.object({
      /** The template's name (`default`, `tool_use`, …). */
      name: z.string().min(1),
      /** Its Jinja source. */
      template: z.string(),
    }),
  )
  .min(1, 'the list of named templates is empty');

/** The parts of a tokenizer_config.json that chat templating reads. */
export const tokenizerConfigSchema = specialTokensConfigSchema.extend({
  /** The Jinja source, or a list of named templates. */
  chat_template: z.union([z.string(), namedTemplatesSchema]).optional(),
});
/**
 * The parts of a tokenizer_config.json that chat templating reads: `chat_template` (a string,
 * or a list of `{ name, template }`) and the special tokens. Other keys are allowed and ignored.
 *
 * @useDeclaredType
 */
export type TokenizerConfig = z.input<typeof tokenizerConfigSchema>;

/** An in-memory chat template source. `loadChatTemplate` also accepts `{ path }`. */
export type ChatTemplateSource =
  | {
      /** A bundled template. */
      preset: ChatTemplatePresetName;
    }
  | {
      /** A parsed tokenizer_config.json, whose `chat_template` and special tokens are used. */
      tokenizerConfig: TokenizerConfig;
    }
  | {
      /** The Jinja source. */
      template: string;
      /** The special-token variables the template sees. @default none */
      specialTokens?: SpecialTokens | undefined;
    };

// Strict objects: a source naming two kinds (a preset and a template) is an error, not a guess.
const sourceSchema = z.union([
  z.strictObject({ preset: z.enum(Object.keys(chatTemplatePresets) as [ChatTemplatePresetName]) }),
  z.strictObject({ tokenizerConfig: tokenizerConfigSchema }),
  z.strictObject({
    template: z.string(),
    specialTokens: specialTokensConfigSchema.optional(),
  }),
]);

/** Options of {@link createChatTemplate}: a source, compile options and a name. */
export type CreateChatTemplateOptions = ChatTemplateSource &
  CompileOptions & {
    /** A name for error messages. @default the preset name, or "chat template" */
    name?: string | undefined;
  };

/**
 * Compiles a chat template from a bundled preset (`qwen2.5`, `s1`), a tokenizer_config.json
 * object (string `chat_template` or the list-of-named-templates form), or a Jinja string.
 *
 * @example
 * const template = createChatTemplate({ preset: 's1' });
 * template.render([{ role: 'user', content: 'How many r in raspberry?' }], { addGenerationPrompt: true });
 * // '<|im_start|>system\nYou are Qwen, …<|im_end|>\n<|im_start|>user\nHow many r in raspberry?<|im_end|>\n<|im_start|>assistant\n'
 */
export function createChatTemplate(options: CreateChatTemplateOptions): ChatTemplate {
  const { name, templateName, now, limits, ...rest } = options;
  const compileOptions = { templateName, now, limits };
  const source = validate(sourceSchema, rest, 'chat template source');
  if ('preset' in source) {
    const preset = chatTemplatePresets[source.preset];
    return compileChatTemplate({
      name: name ?? source.preset,
      templates: new Map([['default', preset.template]]),
      specialTokens: preset.specialTokens,
      ...compileOptions,
    });
  }
  if ('template' in source) {
    return compileChatTemplate({
      name: name ?? 'chat template',
      templates: new Map([['default', source.template]]),
      specialTokens: specialTokensFromConfig(source.specialTokens ?? {}),
      ...compileOptions,
    });
  }
  const config = source.tokenizerConfig;
  const displayName = name ?? 'tokenizer_config';
  if (config.chat_template === undefined) {
    throw new InvalidArgumentError({
      argument: 'tokenizer config',
      issues: [
        {
          path: 'chat_template',
          message: `${displayName} has no chat_template; pass a template with { template } or use a preset ({ preset: 's1' })`,
        },
      ],
    });
  }
  const templates =
    typeof config.chat_template === 'string'
      ? new Map([['default', config.chat_template]])
      : new Map(config.chat_template.map((entry) => [entry.name, entry.template]));
  return compileChatTemplate({
    name: displayName,
    templates,
    specialTokens: specialTokensFromConfig(config),
    ...compileOptions,
  });
}
