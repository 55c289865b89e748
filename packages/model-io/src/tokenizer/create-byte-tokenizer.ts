import { z } from 'zod';
import { InvalidConfigError } from '../errors/model-format-error';
import { byteLevelAlphabet } from './byte-level-alphabet';
import { qwen25ChatTemplate } from './qwen25-chat-template';
import type { TokenizerFiles } from './tokenizer-files';

/** Options of {@link createByteTokenizer}. */
export interface ByteTokenizerOptions {
  /**
   * Pairs of text to merge into one token, in priority order, such as `[['t', 'h'], ['th', 'e']]`
   * (which makes `the` one token). Each part must already be a token: one ASCII character or
   * what an earlier merge makes. Merged tokens take the ids after the bytes.
   * @default []
   */
  merges?: readonly (readonly [string, string])[] | undefined;
  /** `model_max_length` in tokenizer_config.json: the longest input the model takes. @default 4096 */
  modelMaxLength?: number | undefined;
}

/**
 * The added tokens of the s1 format, in id order after the vocabulary: end of text, start and end
 * of turn, and the pad token, flagged as in Qwen2.5's tokenizer.json (which does not mark
 * `<|fim_pad|>` special).
 */
const addedTokens = [
  { content: '<|endoftext|>', special: true },
  { content: '<|im_start|>', special: true },
  { content: '<|im_end|>', special: true },
  { content: '<|fim_pad|>', special: false },
];

const optionsSchema = z.strictObject({
  merges: z.array(z.tuple([z.string().min(1), z.string().min(1)])).default([]),
  modelMaxLength: z.number().int().positive().default(4096),
});

// Qwen2's pre-tokenizer, byte-level steps and BPE settings, as its tokenizer.json has them.
const byteLevel = { add_prefix_space: false, trim_offsets: false, use_regex: false };
const qwen2Split = {
  type: 'Split',
  pattern: {
    Regex:
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  },
  behavior: 'Isolated',
  invert: false,
};
const utf8 = new TextEncoder();

/**
 * A byte-level BPE tokenizer in Qwen2.5's format whose vocabulary is the 256 bytes (plus any
 * `merges`), for tiny models that train fast: every ASCII character is one token, any UTF-8 text
 * round-trips, and the special tokens of the s1 format follow as added tokens (with no merges,
 * `<|endoftext|>` 256, `<|im_start|>` 257, `<|im_end|>` 258, `<|fim_pad|>` 259). The byte ids are
 * Qwen2.5's. Unlike Qwen2.5 it has no NFC normalizer, so text that is not in NFC round-trips too
 * (llama.cpp does not normalize either). tokenizer_config.json carries Qwen2.5's chat template,
 * `<|im_end|>` as end of sequence and `<|fim_pad|>` as padding, as s1 trains.
 *
 * @example
 * const tiny = createTinyQwen2({ vocab: createByteTokenizer(), layers: 2, hidden: 64 });
 */
export function createByteTokenizer(options: ByteTokenizerOptions = {}): TokenizerFiles {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new InvalidConfigError({
      source: 'createByteTokenizer options',
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  const { symbols, ofByte } = byteLevelAlphabet();
  const tokens = new Map(symbols.map((symbol, id) => [symbol, id]));
  const toByteLevel = (text: string) =>
    Array.from(utf8.encode(text), (byte) => ofByte[byte]).join('');
  const merges: string[] = [];
  const issues: string[] = [];
  parsed.data.merges.forEach(([left, right], index) => {
    const missing = [left, right].filter((part) => !tokens.has(toByteLevel(part)));
    const made = toByteLevel(left + right);
    if (missing.length > 0) {
      issues.push(
        `merges[${index}]: ${missing.map((part) => JSON.stringify(part)).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not a token yet; each part must be one ASCII character or what an earlier merge makes`,
      );
    } else if (tokens.has(made)) {
      issues.push(
        `merges[${index}]: ${JSON.stringify(left)} + ${JSON.stringify(right)} makes ${JSON.stringify(left + right)}, which is a token already; leave this merge out`,
      );
    } else {
      tokens.set(made, tokens.size);
      merges.push(`${toByteLevel(left)} ${toByteLevel(right)}`);
    }
  });
  if (issues.length > 0)
    throw new InvalidConfigError({ source: 'createByteTokenizer options', issues });

  const added = addedTokens.map(({ content, special }, index) => ({
    id: tokens.size + index,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special,
  }));
  return {
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: added,
      normalizer: null,
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [qwen2Split, { type: 'ByteLevel', ...byteLevel }],
      },
      post_processor: { type: 'ByteLevel', ...byteLevel },
      decoder: { type: 'ByteLevel', ...byteLevel },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: '',
        end_of_word_suffix: '',
        fuse_unk: false,
        byte_fallback: false,
        vocab: Object.fromEntries(tokens),
        merges,
      },
    },
    tokenizerConfig: {
      add_bos_token: false,
      add_prefix_space: false,
      added_tokens_decoder: Object.fromEntries(
        added.map(({ id, content, lstrip, normalized, rstrip, single_word, special }) => [
          String(id),
          { content, lstrip, normalized, rstrip, single_word, special },
        ]),
      ),
      additional_special_tokens: ['<|im_start|>', '<|im_end|>'],
      bos_token: null,
      chat_template: qwen25ChatTemplate,
      clean_up_tokenization_spaces: false,
      eos_token: '<|im_end|>',
      errors: 'replace',
      model_max_length: parsed.data.modelMaxLength,
      pad_token: '<|fim_pad|>',
      split_special_tokens: false,
      tokenizer_class: 'Qwen2Tokenizer',
      unk_token: null,
    },
  };
}
