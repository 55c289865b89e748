import type { Tokenizer } from '@s1/chat-template';
import type { OptionsOf } from '@s1/errors';
import { validate } from '@s1/errors';
import { z } from 'zod';
import type { BackendTokenizer } from '../spec/backend-v1';

const backendTokenizerShape = {
  /** The tokens the runtime stops on by itself. @default the tokenizer's `eos_token` */
  eosTokens: z.array(z.string()).readonly().optional(),
};

const optionsSchema = z.strictObject(backendTokenizerShape);

/**
 * Adapts a tokenizer from `@s1/chat-template` (`loadTokenizer`) to the backend spec; it encodes
 * synchronously, and says so in its type. EOS defaults to the tokenizer's `eos_token`
 * (`<|im_end|>` for Qwen2.5 and s1).
 */
export function backendTokenizerFrom(
  tokenizer: Tokenizer,
  options: OptionsOf<typeof backendTokenizerShape> = {},
): BackendTokenizer<number[]> & {
  /** Decodes ids with the tokenizer, special tokens kept. */
  decode(ids: readonly number[]): string;
} {
  validate(optionsSchema, options, 'backendTokenizerFrom options');
  const eosTokens =
    options.eosTokens ??
    (tokenizer.specialTokens.eos_token ? [tokenizer.specialTokens.eos_token] : []);
  return {
    encode: (text) => tokenizer.encode(text),
    decode: (ids) => tokenizer.decode(ids),
    eosTokenIds: eosTokens.map((token) => tokenizer.idOf(token)),
  };
}

/** Checks that a value is a tokenizer from `loadTokenizer` / `createTokenizer` of @s1/chat-template. */
export const tokenizerSchema = z.custom<Tokenizer>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Tokenizer).encode === 'function' &&
    typeof (value as Tokenizer).idOf === 'function',
  'tokenizer must come from loadTokenizer or createTokenizer of @s1/chat-template',
);
