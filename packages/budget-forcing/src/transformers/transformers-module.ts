/**
 * The parts of transformers.js (`@huggingface/transformers`) the backend uses, typed structurally
 * so the package has no type dependency on it (it is an optional peer, loaded on first use).
 */
export interface TransformersTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface TransformersCausalLM {
  (inputs: Record<string, unknown>): Promise<Record<string, TransformersTensor>>;
  dispose(): Promise<unknown>;
  /** The model's config.json. */
  readonly config?: { readonly max_position_embeddings?: unknown } | undefined;
}

/** The transformers.js module (`@huggingface/transformers`), as far as the backend uses it. */
export interface TransformersModule {
  /** Loads causal language models. */
  AutoModelForCausalLM: {
    /**
     * Loads the model in the folder at `path` with transformers.js options (`dtype`, `device`, …).
     */
    from_pretrained(path: string, options: Record<string, unknown>): Promise<TransformersCausalLM>;
  };
  /** Tensors, built from a typed array and a shape. */
  Tensor: {
    /** Builds an int64 tensor from `data` with shape `dims`. */
    new (type: 'int64', data: BigInt64Array, dims: readonly number[]): TransformersTensor;
  };
}
