import { z } from 'zod';
import type { Qwen2Architecture } from '../config/qwen2-architecture';
import { InvalidConfigError } from '../errors/model-format-error';
import { GgmlType, GgufTokenType, type GgufValue, GgufValueType } from '../gguf/gguf-format';
import { type GgufTensorToWrite, writeGguf } from '../gguf/write-gguf';
import type { TokenizerFiles } from '../tokenizer/tokenizer-files';
import { checkQwen2Weights, type Qwen2Weights } from './qwen2-weights';

/** Options of {@link writeQwen2Gguf}. */
export interface WriteQwen2GgufOptions {
  /** The GGUF file to write. */
  path: string;
  /** The model's shape. */
  architecture: Qwen2Architecture;
  /** The weights. */
  weights: Qwen2Weights;
  /** The tokenizer files, written into the GGUF metadata. */
  tokenizer: TokenizerFiles;
  /** Matrices in F32 or F16; norms and biases stay F32, as llama.cpp's converter keeps them. @default 'F32' */
  type?: 'F32' | 'F16' | undefined;
  /** `general.name` in the metadata. @default 'qwen2' */
  name?: string | undefined;
}

const tokenizerSchema = z.looseObject({
  model: z.looseObject({
    vocab: z.record(z.string(), z.number().int().nonnegative()),
    merges: z.array(z.union([z.string(), z.tuple([z.string(), z.string()])])),
  }),
  added_tokens: z
    .array(
      z.looseObject({
        id: z.number().int().nonnegative(),
        content: z.string(),
        special: z.boolean(),
      }),
    )
    .default([]),
});

/**
 * Writes a Qwen2 model as GGUF (architecture `qwen2`) that llama.cpp loads: the hyperparameters,
 * the byte-level BPE vocabulary with merges and token types, the special token ids (padding is
 * tokenizer_config.json's `pad_token`, else the start token), the chat template, and the weights
 * under llama.cpp's tensor names. A tied model has no `output.weight`; llama.cpp then reads the
 * embeddings.
 */
export async function writeQwen2Gguf(options: WriteQwen2GgufOptions): Promise<void> {
  const { architecture, weights, tokenizer } = options;
  checkQwen2Weights(weights, architecture, 'weights');
  const vocabulary = ggufVocabulary(tokenizer, architecture.vocabSize);
  const chatTemplate = tokenizer.tokenizerConfig.chat_template;
  const fileType = options.type === 'F16' ? 1 : 0;
  const u32 = (value: number): GgufValue => ({ type: GgufValueType.Uint32, value });
  const f32 = (value: number): GgufValue => ({ type: GgufValueType.Float32, value });
  const text = (value: string): GgufValue => ({ type: GgufValueType.String, value });
  const metadata = new Map<string, GgufValue>([
    ['general.architecture', text('qwen2')],
    ['general.name', text(options.name ?? 'qwen2')],
    ['general.file_type', u32(fileType)],
    ['qwen2.context_length', u32(architecture.maxPositionEmbeddings)],
    ['qwen2.embedding_length', u32(architecture.hiddenSize)],
    ['qwen2.block_count', u32(architecture.layers)],
    ['qwen2.feed_forward_length', u32(architecture.intermediateSize)],
    ['qwen2.attention.head_count', u32(architecture.heads)],
    ['qwen2.attention.head_count_kv', u32(architecture.kvHeads)],
    ['qwen2.rope.freq_base', f32(architecture.ropeTheta)],
    ['qwen2.attention.layer_norm_rms_epsilon', f32(architecture.rmsNormEps)],
    ['tokenizer.ggml.model', text('gpt2')],
    ['tokenizer.ggml.pre', text('qwen2')],
    [
      'tokenizer.ggml.tokens',
      { type: GgufValueType.Array, elementType: GgufValueType.String, value: vocabulary.tokens },
    ],
    [
      'tokenizer.ggml.token_type',
      { type: GgufValueType.Array, elementType: GgufValueType.Int32, value: vocabulary.types },
    ],
    [
      'tokenizer.ggml.merges',
      { type: GgufValueType.Array, elementType: GgufValueType.String, value: vocabulary.merges },
    ],
    ['tokenizer.ggml.add_bos_token', { type: GgufValueType.Bool, value: false }],
  ]);
  const eos = Array.isArray(architecture.eosTokenId)
    ? architecture.eosTokenId[0]
    : architecture.eosTokenId;
  if (architecture.bosTokenId !== undefined)
    metadata.set('tokenizer.ggml.bos_token_id', u32(architecture.bosTokenId));
  if (eos !== undefined) metadata.set('tokenizer.ggml.eos_token_id', u32(eos));
  const padding = vocabulary.padTokenId ?? architecture.bosTokenId;
  if (padding !== undefined) metadata.set('tokenizer.ggml.padding_token_id', u32(padding));
  if (typeof chatTemplate === 'string') metadata.set('tokenizer.chat_template', text(chatTemplate));

  const matrixType = options.type === 'F16' ? GgmlType.F16 : GgmlType.F32;
  const tensor = (name: string, source: string, shape: number[]): GgufTensorToWrite => ({
    name,
    shape,
    data: weights.get(source) as Float32Array,
    type: shape.length === 2 ? matrixType : GgmlType.F32,
  });
  const { vocabSize, hiddenSize, heads, kvHeads, headDim, intermediateSize } = architecture;
  const tensors: GgufTensorToWrite[] = [
    tensor('token_embd.weight', 'model.embed_tokens.weight', [vocabSize, hiddenSize]),
  ];
  for (let layer = 0; layer < architecture.layers; layer++) {
    const from = `model.layers.${layer}`;
    const to = `blk.${layer}`;
    tensors.push(
      tensor(`${to}.attn_norm.weight`, `${from}.input_layernorm.weight`, [hiddenSize]),
      tensor(`${to}.attn_q.weight`, `${from}.self_attn.q_proj.weight`, [
        heads * headDim,
        hiddenSize,
      ]),
      tensor(`${to}.attn_q.bias`, `${from}.self_attn.q_proj.bias`, [heads * headDim]),
      tensor(`${to}.attn_k.weight`, `${from}.self_attn.k_proj.weight`, [
        kvHeads * headDim,
        hiddenSize,
      ]),
      tensor(`${to}.attn_k.bias`, `${from}.self_attn.k_proj.bias`, [kvHeads * headDim]),
      tensor(`${to}.attn_v.weight`, `${from}.self_attn.v_proj.weight`, [
        kvHeads * headDim,
        hiddenSize,
      ]),
      tensor(`${to}.attn_v.bias`, `${from}.self_attn.v_proj.bias`, [kvHeads * headDim]),
      tensor(`${to}.attn_output.weight`, `${from}.self_attn.o_proj.weight`, [
        hiddenSize,
        heads * headDim,
      ]),
      tensor(`${to}.ffn_norm.weight`, `${from}.post_attention_layernorm.weight`, [hiddenSize]),
      tensor(`${to}.ffn_gate.weight`, `${from}.mlp.gate_proj.weight`, [
        intermediateSize,
        hiddenSize,
      ]),
      tensor(`${to}.ffn_up.weight`, `${from}.mlp.up_proj.weight`, [intermediateSize, hiddenSize]),
      tensor(`${to}.ffn_down.weight`, `${from}.mlp.down_proj.weight`, [
        hiddenSize,
        intermediateSize,
      ]),
    );
  }
  tensors.push(tensor('output_norm.weight', 'model.norm.weight', [hiddenSize]));
  if (!architecture.tieWordEmbeddings)
    tensors.push(tensor('output.weight', 'lm_head.weight', [vocabSize, hiddenSize]));
  await writeGguf(options.path, metadata, tensors);
}

/**
 * Token strings, types and merges for GGUF, and the id of tokenizer_config.json's `pad_token`;
 * ids without a token get `[PAD<id>]`, unused.
 */
function ggufVocabulary(tokenizer: TokenizerFiles, vocabSize: number) {
  const parsed = tokenizerSchema.safeParse(tokenizer.tokenizerJson);
  if (!parsed.success) {
    throw new InvalidConfigError({
      source: 'tokenizer.json',
      issues: parsed.error.issues.map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message} (a byte-level BPE tokenizer is needed)`,
      ),
    });
  }
  const tokens: string[] = Array.from({ length: vocabSize }, (_, id) => `[PAD${id}]`);
  const types = new Int32Array(vocabSize).fill(GgufTokenType.Unused);
  for (const [token, id] of Object.entries(parsed.data.model.vocab)) {
    if (id >= vocabSize) continue;
    tokens[id] = token;
    types[id] = GgufTokenType.Normal;
  }
  for (const added of parsed.data.added_tokens) {
    if (added.id >= vocabSize) continue;
    tokens[added.id] = added.content;
    // As llama.cpp's converter does: an added token that looks special (`<|fim_pad|>`, which
    // Qwen2.5 does not mark special) is a control token, else llama.cpp warns and overrides it.
    const looksSpecial = added.content.startsWith('<|') && added.content.endsWith('|>');
    types[added.id] =
      added.special || looksSpecial ? GgufTokenType.Control : GgufTokenType.UserDefined;
  }
  const merges = parsed.data.model.merges.map((merge) =>
    typeof merge === 'string' ? merge : merge.join(' '),
  );
  const pad = tokenizer.tokenizerConfig.pad_token;
  const padIndex = typeof pad === 'string' ? tokens.indexOf(pad) : -1;
  return { tokens, types, merges, padTokenId: padIndex === -1 ? undefined : padIndex };
}
