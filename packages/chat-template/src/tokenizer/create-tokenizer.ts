import { Tokenizer as HuggingFaceTokenizer } from '@huggingface/tokenizers';
import { InvalidArgumentError, validate } from '@s1/errors';
import { z } from 'zod';
import { UnknownTokenError } from '../errors/unknown-token-error';
import { specialTokensConfigSchema, specialTokensFromConfig } from '../template/special-tokens';
import { createWindowedDecodeStream } from './decode-stream';
import { byteLevelTokenOffsets, streamedTokenOffsets } from './token-offsets';
import type { Tokenizer } from './tokenizer';

/** The parts of tokenizer.json checked before the tokenizer library sees it. */
export const tokenizerJsonSchema = z.looseObject({
  model: z.looseObject({ type: z.string().optional() }),
  added_tokens: z
    .array(z.looseObject({ id: z.number().int().nonnegative(), content: z.string() }))
    .optional(),
  decoder: z.looseObject({ type: z.string() }).nullable().optional(),
});

/** Options of {@link createTokenizer}. */
export interface CreateTokenizerOptions {
  /** The parsed tokenizer.json. */
  tokenizerJson: unknown;
  /** The parsed tokenizer_config.json (special tokens, clean-up settings). @default {} */
  tokenizerConfig?: unknown;
  /** A name for error messages. @default "tokenizer" */
  name?: string | undefined;
}

const utf8 = new TextEncoder();

/** Builds a tokenizer from parsed tokenizer.json / tokenizer_config.json objects. */
export function createTokenizer({
  tokenizerJson,
  tokenizerConfig = {},
  name = 'tokenizer',
}: CreateTokenizerOptions): Tokenizer {
  const json = validate(tokenizerJsonSchema, tokenizerJson, `tokenizer.json of ${name}`);
  const config = validate(
    specialTokensConfigSchema,
    tokenizerConfig,
    `tokenizer_config.json of ${name}`,
  );
  let inner: HuggingFaceTokenizer;
  try {
    inner = new HuggingFaceTokenizer(json, config);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: `tokenizer.json of ${name}`,
      issues: [{ path: 'model', message: error instanceof Error ? error.message : String(error) }],
      cause: error,
    });
  }

  const addedTokenContent = new Map(
    (json.added_tokens ?? []).map((token) => [token.id, token.content]),
  );
  const isByteLevel = json.decoder?.type === 'ByteLevel';
  const byteLengths = new Map<number, number>();
  const tokenByteLength = (id: number): number => {
    let length = byteLengths.get(id);
    if (length === undefined) {
      const added = addedTokenContent.get(id);
      length =
        added !== undefined ? utf8.encode(added).length : (inner.id_to_token(id)?.length ?? 0);
      byteLengths.set(id, length);
    }
    return length;
  };
  let vocabSize: number | undefined;

  // The library rejects an empty list; the empty list decodes to the empty string.
  const decode: Tokenizer['decode'] = (ids, options = {}) =>
    ids.length === 0
      ? ''
      : inner.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? false });

  return {
    name,
    get vocabSize() {
      vocabSize ??= inner.get_vocab(true).size;
      return vocabSize;
    },
    specialTokens: specialTokensFromConfig(config),
    encode: (text, options = {}) =>
      inner.encode(text, { add_special_tokens: options.addSpecialTokens ?? false }).ids,
    decode,
    idOf(token) {
      const id = inner.token_to_id(token);
      if (id === undefined) throw new UnknownTokenError({ token, tokenizerName: name });
      return id;
    },
    tokenOf: (id) => inner.id_to_token(id),
    decodeWithOffsets(ids) {
      const text = decode(ids);
      const fast = isByteLevel ? byteLevelTokenOffsets(ids, text, tokenByteLength) : undefined;
      return { text, offsets: fast ?? streamedTokenOffsets(ids, (window) => decode(window)) };
    },
    createDecodeStream: (options = {}) => createWindowedDecodeStream((ids) => decode(ids, options)),
  };
}
