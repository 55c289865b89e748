import { z } from 'zod';
import { InvalidConfigError, UnsupportedArchitectureError } from '../errors/model-format-error';

/** The shape of a Qwen2-family decoder, in the SDK's names. */
export interface Qwen2Architecture {
  /** Rows of the embedding and the output head (`vocab_size`). */
  vocabSize: number;
  /** Width of the residual stream (`hidden_size`). */
  hiddenSize: number;
  /** Width of the MLP (`intermediate_size`). */
  intermediateSize: number;
  /** Decoder layers (`num_hidden_layers`). */
  layers: number;
  /** Query heads (`num_attention_heads`). */
  heads: number;
  /** Key and value heads, grouped-query attention (`num_key_value_heads`). */
  kvHeads: number;
  /** Width of one head (`head_dim`, else `hiddenSize / heads`). */
  headDim: number;
  /** Base of the rotary position embedding (`rope_theta`). */
  ropeTheta: number;
  /** Epsilon of the RMS norms (`rms_norm_eps`). */
  rmsNormEps: number;
  /** Whether the output head shares the embedding's weights (`tie_word_embeddings`). */
  tieWordEmbeddings: boolean;
  /** Qwen2 has biases on the q, k and v projections (not on o). */
  attentionBias: boolean;
  /** The context length (`max_position_embeddings`). */
  maxPositionEmbeddings: number;
  /** `bos_token_id`, if the config has one. */
  bosTokenId: number | undefined;
  /** `eos_token_id`: one id or several, if the config has it. */
  eosTokenId: number | readonly number[] | undefined;
}

// Lenient: config.json files carry many fields we do not read.
const configSchema = z.looseObject({
  model_type: z.string(),
  vocab_size: z.number().int().positive(),
  hidden_size: z.number().int().positive(),
  intermediate_size: z.number().int().positive(),
  num_hidden_layers: z.number().int().positive(),
  num_attention_heads: z.number().int().positive(),
  num_key_value_heads: z.number().int().positive().optional(),
  head_dim: z.number().int().positive().optional(),
  rope_theta: z.number().positive().default(10000),
  rms_norm_eps: z.number().positive().default(1e-6),
  tie_word_embeddings: z.boolean().default(false),
  max_position_embeddings: z.number().int().positive().default(32768),
  bos_token_id: z.number().int().nonnegative().nullish(),
  eos_token_id: z
    .union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative())])
    .nullish(),
  rope_scaling: z.unknown().nullish(),
});

/**
 * Reads a Hugging Face `config.json` (as an object) of a Qwen2-family model: Qwen2, Qwen2.5 and
 * DeepSeek-R1-Distill-Qwen all use `model_type: "qwen2"`.
 */
export function qwen2ArchitectureFromConfig(
  config: unknown,
  source = 'config.json',
): Qwen2Architecture {
  const modelType = (config as { model_type?: unknown } | null)?.model_type;
  if (modelType !== 'qwen2')
    throw new UnsupportedArchitectureError({ found: String(modelType ?? 'unknown'), source });
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    throw new InvalidConfigError({
      source,
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  const value = parsed.data;
  if (value.rope_scaling !== undefined && value.rope_scaling !== null) {
    throw new InvalidConfigError({
      source,
      issues: ['rope_scaling is set; scaled RoPE (YaRN, dynamic NTK) is not supported'],
    });
  }
  const architecture: Qwen2Architecture = {
    vocabSize: value.vocab_size,
    hiddenSize: value.hidden_size,
    intermediateSize: value.intermediate_size,
    layers: value.num_hidden_layers,
    heads: value.num_attention_heads,
    kvHeads: value.num_key_value_heads ?? value.num_attention_heads,
    headDim: value.head_dim ?? value.hidden_size / value.num_attention_heads,
    ropeTheta: value.rope_theta,
    rmsNormEps: value.rms_norm_eps,
    tieWordEmbeddings: value.tie_word_embeddings,
    attentionBias: true,
    maxPositionEmbeddings: value.max_position_embeddings,
    bosTokenId: value.bos_token_id ?? undefined,
    eosTokenId: value.eos_token_id ?? undefined,
  };
  checkArchitecture(architecture, source);
  return architecture;
}

/** Checks the relations between sizes that every exporter relies on. */
export function checkArchitecture(architecture: Qwen2Architecture, source = 'architecture'): void {
  const issues: string[] = [];
  const { heads, kvHeads, headDim, hiddenSize } = architecture;
  if (!Number.isInteger(headDim) || headDim % 2 !== 0)
    issues.push(`head_dim ${headDim} must be an even whole number (RoPE rotates pairs)`);
  if (heads % kvHeads !== 0)
    issues.push(
      `num_attention_heads ${heads} must be a multiple of num_key_value_heads ${kvHeads}`,
    );
  if (heads * headDim !== hiddenSize)
    issues.push(
      `num_attention_heads × head_dim (${heads} × ${headDim}) must equal hidden_size ${hiddenSize}`,
    );
  if (issues.length > 0) throw new InvalidConfigError({ source, issues });
}

/** The Hugging Face `config.json` of an architecture (transformers 4.46 field names). */
export function qwen2HuggingFaceConfig(architecture: Qwen2Architecture): Record<string, unknown> {
  return {
    architectures: ['Qwen2ForCausalLM'],
    model_type: 'qwen2',
    vocab_size: architecture.vocabSize,
    hidden_size: architecture.hiddenSize,
    intermediate_size: architecture.intermediateSize,
    num_hidden_layers: architecture.layers,
    num_attention_heads: architecture.heads,
    num_key_value_heads: architecture.kvHeads,
    head_dim: architecture.headDim,
    hidden_act: 'silu',
    rope_theta: architecture.ropeTheta,
    rms_norm_eps: architecture.rmsNormEps,
    tie_word_embeddings: architecture.tieWordEmbeddings,
    max_position_embeddings: architecture.maxPositionEmbeddings,
    max_window_layers: architecture.layers,
    use_sliding_window: false,
    sliding_window: null,
    attention_dropout: 0,
    initializer_range: 0.02,
    use_cache: true,
    torch_dtype: 'float32',
    transformers_version: '4.46.1',
    ...(architecture.bosTokenId === undefined ? {} : { bos_token_id: architecture.bosTokenId }),
    ...(architecture.eosTokenId === undefined ? {} : { eos_token_id: architecture.eosTokenId }),
  };
}
