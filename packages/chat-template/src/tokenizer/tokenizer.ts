import type { SpecialTokens } from '../template/special-tokens';

/** Options of `Tokenizer.encode`. */
export interface EncodeOptions {
  /**
   * Add the tokenizer's own special tokens (e.g. a BOS) around the text. Chat templates already
   * write them, so the default is off, as in Hugging Face `apply_chat_template(tokenize=True)`.
   * @default false
   */
  addSpecialTokens?: boolean | undefined;
}

/** Options of `Tokenizer.decode` and `Tokenizer.createDecodeStream`. */
export interface DecodeOptions {
  /** Leave special tokens such as `<|im_start|>` out of the text. @default false */
  skipSpecialTokens?: boolean | undefined;
}

/**
 * Turns token ids into text as they arrive. `push` returns only complete text: a character whose
 * UTF-8 bytes span several tokens comes out once all of them are in.
 */
export interface DecodeStream {
  /** Feeds the next ids; returns the text they complete. */
  push(ids: number | readonly number[]): string;
  /** Returns what is still held back (an incomplete character decodes to U+FFFD). */
  flush(): string;
}

/** A Hugging Face tokenizer: text to ids and back, with streaming decoding and token offsets. */
export interface Tokenizer {
  /** Where the tokenizer came from, for error messages. */
  readonly name: string;
  /** Number of ids, added tokens included (`len(tokenizer)` in Python). */
  readonly vocabSize: number;
  /** The special tokens from tokenizer_config.json (`eos_token`, `pad_token`, …). */
  readonly specialTokens: Readonly<SpecialTokens>;
  /** Encodes text; special tokens written in the text (`<|im_start|>`) become their ids. */
  encode(text: string, options?: EncodeOptions): number[];
  /** Decodes ids to text; special tokens are kept unless `skipSpecialTokens`. */
  decode(ids: readonly number[], options?: DecodeOptions): string;
  /** The id of one token string. Throws `UnknownTokenError` if it has none. */
  idOf(token: string): number;
  /** The token string of an id, or undefined outside the vocabulary. */
  tokenOf(id: number): string | undefined;
  /**
   * Decodes ids (special tokens kept) and gives the offset, in UTF-16 code units of that text,
   * at which each token's text starts.
   * A token that starts inside a multi-byte character gets the offset of that character, so
   * every token before a character boundary has an offset below it.
   */
  decodeWithOffsets(ids: readonly number[]): {
    /** The decoded text. */
    text: string;
    /** Where each token's text starts in `text`, one entry per id. */
    offsets: number[];
  };
  /** Starts an incremental decoder for ids that arrive one or a few at a time. */
  createDecodeStream(options?: DecodeOptions): DecodeStream;
}
