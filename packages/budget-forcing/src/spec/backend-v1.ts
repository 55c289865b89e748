/**
 * The backend specification, version 1: what the budget-forcing controller needs from a runtime.
 *
 * A backend offers segment generation (every HTTP server can), token stepping (in-process
 * runtimes can), or both. The controller steps tokens when it can (token-exact, no re-prefill)
 * and otherwise generates segments, re-sending the prefix as token ids where accepted.
 */
export interface BackendV1 {
  /** The version of this specification the backend implements. */
  readonly specificationVersion: 'v1';
  /** The runtime, e.g. `openai-compatible`, `scripted`, `onnxruntime`. */
  readonly provider: string;
  /** The model the backend runs, as the runtime names it. */
  readonly modelId: string;
  /** What the backend can do. Declared, never guessed. */
  readonly capabilities: BackendCapabilities;
  /** Tokenizer access for prompts, delimiters and continuation strings. */
  readonly tokenizer: BackendTokenizer;
  /** Generates one segment with vLLM semantics. Present when `capabilities.segments`. */
  generate?(request: SegmentRequest): Promise<SegmentResult>;
  /** Opens a token-stepping session on a prompt. Present when `capabilities.stepping`. */
  open?(request: OpenSessionRequest): Promise<StepSession>;
  /**
   * How many tokens the model holds, prompt and generation together (vLLM's `max_model_len`,
   * llama.cpp's `n_ctx`, `max_position_embeddings` in-process); undefined when unknown. The
   * controller never asks for more: each request's `maxTokens` is cut to what is left, as vLLM's
   * offline engine cuts generation at the context. Called once per generation; cache the answer.
   */
  contextLength?(options?: { signal?: AbortSignal | undefined }): Promise<number | undefined>;
  /**
   * Frees what the backend holds (a loaded model, native memory); the backend is not used after.
   * Absent where there is nothing to free, as for a backend over an HTTP server.
   */
  close?(): Promise<void>;
}

/** What a backend can do, declared by the backend and never guessed by the controller. */
export interface BackendCapabilities {
  /** `generate` is available. */
  readonly segments: boolean;
  /** `open` is available. */
  readonly stepping: boolean;
  /** `generate` accepts the prompt as token ids (no re-tokenization of the prefix). */
  readonly promptTokenIds: boolean;
  /** `generate` honours `stop.tokenIds`. */
  readonly stopTokenIds: boolean;
  /** `generate` honours `minTokens` (suppressing stop token ids and EOS until reached). */
  readonly minTokens: boolean;
  /** `generate` returns the generated token ids. */
  readonly returnsTokenIds: boolean;
  /** `generate` can stream deltas through `onDelta`. */
  readonly streaming: boolean;
  /** Sampling with a seed is reproducible. */
  readonly seededSampling: boolean;
}

/** What `BackendTokenizer.encode` returns: the ids, or a promise of them (a server's `/tokenize`). */
export type EncodedIds = readonly number[] | PromiseLike<readonly number[]>;

/**
 * `Encoded` narrows what `encode` returns, so a local tokenizer declared as
 * `BackendTokenizer<number[]>` is used synchronously without a cast; consumers of any backend
 * await the default.
 */
export interface BackendTokenizer<Encoded extends EncodedIds = EncodedIds> {
  /** Encodes text without adding special tokens; special tokens written in the text are parsed. */
  encode(text: string): Encoded;
  /**
   * Decodes ids, special tokens kept. Needed for token stepping; a segment-only backend whose
   * server returns text may leave it out.
   */
  decode?(ids: readonly number[]): string;
  /** The end-of-sequence token ids the runtime stops on by itself (e.g. `<|im_end|>`). */
  readonly eosTokenIds: readonly number[];
}

/** How tokens are sampled. */
export interface Sampling {
  /** 0 means greedy. @default 0 */
  temperature?: number | undefined;
  /**
   * Nucleus sampling: draw from the smallest set of tokens whose probability reaches it. @default 1
   */
  topP?: number | undefined;
  /** Seed of the sampler, for reproducible draws where `capabilities.seededSampling`. */
  seed?: number | undefined;
}

/** A prompt as text, or as token ids (where `capabilities.promptTokenIds`). */
export type Prompt =
  | {
      /** The prompt text, tokenized by the runtime. */
      text: string;
    }
  | {
      /** The prompt's token ids. */
      tokenIds: readonly number[];
    };

/** A request to generate one segment, with vLLM semantics. */
export interface SegmentRequest {
  /** What to continue. */
  prompt: Prompt;
  /** Most new tokens, the stop token included. */
  maxTokens: number;
  /** Stop token ids and EOS cannot end the segment before this many tokens. @default 0 */
  minTokens?: number | undefined;
  /** What ends the segment besides EOS and `maxTokens`. */
  stop?:
    | {
        /** Stop strings; their text is left out of the result. */
        strings?: readonly string[] | undefined;
        /** Stop token ids (where `capabilities.stopTokenIds`); the id is kept in `tokenIds`. */
        tokenIds?: readonly number[] | undefined;
      }
    | undefined;
  /** How tokens are sampled. @default greedy */
  sampling?: Sampling | undefined;
  /** Once it fires, generation stops (an HTTP request is aborted) and the call rejects. */
  signal?: AbortSignal | undefined;
  /**
   * Called with each piece of text (and ids, when known) as it is generated. It may return a
   * promise, which a backend awaits before it generates or reads more: that is how a slow reader
   * of a stream holds generation back.
   */
  onDelta?:
    | ((delta: { text: string; tokenIds?: readonly number[] | undefined }) => unknown)
    | undefined;
}

/**
 * vLLM semantics: `tokenIds` include the stop token when a stop token id ended the segment;
 * `text` never includes the stop token's or stop string's text.
 */
export interface SegmentResult {
  /** The generated text, without the stop token's or stop string's text. */
  text: string;
  /** Present when `capabilities.returnsTokenIds`. */
  tokenIds?: number[] | undefined;
  /** Tokens generated, the stop token included. */
  completionTokens: number;
  /**
   * True when the server reported no token count, so `completionTokens` was counted from the ids
   * or the text (where an end token that left no text is not seen).
   */
  completionTokensEstimated?: boolean | undefined;
  /** `stop` for a stop token, stop string or EOS; `length` when `maxTokens` ended it. */
  finishReason: 'stop' | 'length';
  /** What stopped it: the stop token id, the stop string, or undefined for EOS / length. */
  stopReason?: number | string | undefined;
}

/** A request to open a token-stepping session. */
export interface OpenSessionRequest {
  /** The prompt's token ids, which the session starts from. */
  promptIds: readonly number[];
  /** How `sample` draws tokens. @default greedy */
  sampling?: Sampling | undefined;
  /** Once it fires, `open`, `sample` and `append` reject; `close` still frees the session. */
  signal?: AbortSignal | undefined;
}

/**
 * A sequence being extended one token at a time. `sample` proposes the next token without adding
 * it, so the controller can refuse a proposal (an early end of thinking) and append something
 * else ("Wait") in its place, as the s1 harness does when it drops the stop token.
 */
export interface StepSession {
  /** Samples the next token at the end of the sequence; `suppress` ids are never chosen. */
  sample(options?: { suppress?: readonly number[] | undefined }): Promise<number>;
  /** Appends tokens (accepted proposals or forced text) to the sequence. */
  append(ids: readonly number[]): Promise<void>;
  /** Releases the session's resources. */
  close(): Promise<void>;
}
