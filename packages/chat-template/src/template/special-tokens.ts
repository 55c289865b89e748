import { z } from 'zod';

const specialTokenNames = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
] as const satisfies readonly (keyof SpecialTokens)[];

/** The special-token variables a template sees, as in `tokenizer.special_tokens_map`. */
export type SpecialTokens = Partial<
  Record<
    | 'bos_token'
    | 'eos_token'
    | 'unk_token'
    | 'sep_token'
    | 'pad_token'
    | 'cls_token'
    | 'mask_token',
    string
  >
> & {
  /** Further special tokens, e.g. Qwen2.5's `<|im_start|>` and `<|im_end|>`. */
  additional_special_tokens?: string[];
};

// tokenizer_config.json stores a special token as a string or as a serialized AddedToken.
const tokenValueSchema = z.union([
  z.string(),
  z.looseObject({
    /** The token's text. */
    content: z.string(),
  }),
  z.null(),
]);

export const specialTokensConfigSchema = z.looseObject({
  ...Object.fromEntries(specialTokenNames.map((name) => [name, tokenValueSchema.optional()])),
  /** Further special tokens, as strings or serialized AddedTokens. */
  additional_special_tokens: z.array(tokenValueSchema).optional(),
});

function tokenText(value: z.infer<typeof tokenValueSchema> | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.content;
}

/** Reads the special tokens of a tokenizer_config.json; unset (null) tokens are left out, as HF does. */
export function specialTokensFromConfig(
  config: z.infer<typeof specialTokensConfigSchema>,
): SpecialTokens {
  const tokens: SpecialTokens = {};
  for (const name of specialTokenNames) {
    const text = tokenText(config[name] as z.infer<typeof tokenValueSchema> | undefined);
    if (text !== undefined) tokens[name] = text;
  }
  const additional = config.additional_special_tokens
    ?.map(tokenText)
    .filter((text): text is string => text !== undefined);
  if (additional !== undefined && additional.length > 0)
    tokens.additional_special_tokens = additional;
  return tokens;
}
