/**
 * The parts of node-llama-cpp the backend uses, typed structurally so the package has no type
 * dependency on it (it is an optional peer, loaded on first use).
 */
export interface GenerateNextOptions {
  token?: boolean;
  logits?: boolean;
  options?: { temperature?: number; topP?: number; seed?: number; tokenBias?: unknown };
}

export interface LlamaSequenceLike {
  readonly nextTokenIndex: number;
  controlledEvaluate(
    input: readonly (number | readonly [number, { generateNext: GenerateNextOptions }])[],
  ): Promise<({ next?: { token?: number | null; logits?: Map<number, number> } } | undefined)[]>;
  eraseContextTokenRanges(ranges: { start: number; end: number }[]): Promise<void>;
  dispose(): void;
}

export interface LlamaContextLike {
  /** Tokens each sequence holds. */
  readonly contextSize: number;
  getSequence(): LlamaSequenceLike;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  tokenize(text: string, specialTokens?: boolean): number[];
  detokenize(tokens: readonly number[], specialTokens?: boolean): string;
  readonly tokens: { readonly eos: number | null; readonly eot: number | null };
  readonly tokenizer: unknown;
  createContext(options: Record<string, unknown>): Promise<LlamaContextLike>;
  dispose(): Promise<void>;
}

/** The node-llama-cpp module, as far as the backend uses it. */
export interface NodeLlamaCppModule {
  /** Loads the llama.cpp bindings (node-llama-cpp's `getLlama`, with options such as `gpu`). */
  getLlama(options: Record<string, unknown>): Promise<{
    /** Loads the GGUF model at `modelPath`. */
    loadModel(options: { modelPath: string }): Promise<LlamaModelLike>;
  }>;
  /** Token biases for sampling; the backend sets `never` on the tokens a step suppresses. */
  TokenBias: {
    /** Creates an empty bias for the model's tokenizer. */
    new (
      tokenizer: never,
    ): {
      /** Sets one token's bias. */
      set(token: number, bias: 'never'): unknown;
    };
  };
}
