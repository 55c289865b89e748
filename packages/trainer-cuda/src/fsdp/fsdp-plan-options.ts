import { InvalidArgumentError, validate } from '@s1/errors';
import { defaultBlockSize } from '@s1/sft-data';
import { z } from 'zod';

/** One tokenized example, as @s1/sft-data's tokenized Parquet and JSONL files hold it. */
export interface TokenizedTrainingExample {
  /** The token ids. */
  input_ids: readonly number[];
  /** `input_ids` with -100 where no loss is computed, unshifted (the model shifts them). */
  labels: readonly number[];
}

/** Tokenized examples, from an iterable or an async iterable. */
export type TrainingExamples =
  | Iterable<TokenizedTrainingExample>
  | AsyncIterable<TokenizedTrainingExample>;

/**
 * The s1 recipe: train/sft.py and train/sft.sh of github.com/simplescaling/s1 and the paper's
 * appendix (arXiv 2501.19393). The seed is transformers' default, which s1 kept.
 */
export const s1FsdpDefaults = {
  /** `<|fim_pad|>` of Qwen2.5, s1's pad token. */
  padTokenId: 151_662,
  /** Passes over the examples. */
  epochs: 5,
  /** Peak learning rate of the cosine schedule. */
  learningRate: 1e-5,
  /** Share of the optimizer steps spent warming up. */
  warmupRatio: 0.05,
  /** AdamW's weight decay. */
  weightDecay: 1e-4,
  /** AdamW's β1. */
  adamBeta1: 0.9,
  /** AdamW's β2. */
  adamBeta2: 0.95,
  /** AdamW's ε. */
  adamEpsilon: 1e-8,
  /** The global gradient norm clipped to. */
  maxGradNorm: 1,
  /** Examples per optimizer step. */
  globalBatchSize: 16,
  /** Examples per GPU per micro-batch. */
  perDeviceBatchSize: 1,
  /** The longest example allowed: 32,768 tokens. */
  blockSize: defaultBlockSize,
  /** Decoder layers' activations are recomputed in the backward pass. */
  gradientCheckpointing: true,
  /** bf16 compute over fp32 master weights. */
  bf16: true,
  /** transformers' default seed. */
  seed: 42,
  /** GPUs of each node in the accelerate config. */
  gpusPerNode: 8,
  /** Nodes in the accelerate config. */
  nodes: 1,
} as const;

/** Options of {@link writeFsdpPlan}. */
export interface WriteFsdpPlanOptions {
  /** The folder to write; refused if it exists and is not empty, unless `overwrite`. */
  out: string;
  /**
   * A Hugging Face model id or a model folder, written into the script as it is: a relative
   * folder is read from where the script is launched.
   */
  model: string;
  /** Tokenized examples, in training order; streamed, so they need not all be in memory. */
  data: TrainingExamples;
  /** Pads `input_ids` in a batch. @default 151662 (Qwen2.5's <|fim_pad|>) */
  padTokenId?: number | undefined;
  /** Passes over the examples. @default 5 */
  epochs?: number | undefined;
  /** Peak learning rate of the cosine schedule. @default 1e-5 */
  learningRate?: number | undefined;
  /** Linear warm-up from 0 over this share of the optimizer steps. @default 0.05 */
  warmupRatio?: number | undefined;
  /** AdamW's; transformers skips biases (and, in current releases, norm weights). @default 1e-4 */
  weightDecay?: number | undefined;
  /** AdamW's β1. @default 0.9 */
  adamBeta1?: number | undefined;
  /** AdamW's β2. @default 0.95 */
  adamBeta2?: number | undefined;
  /** AdamW's ε. @default 1e-8 */
  adamEpsilon?: number | undefined;
  /** Gradients are clipped to this global norm; 0 turns clipping off. @default 1 */
  maxGradNorm?: number | undefined;
  /** Examples per optimizer step, over all GPUs and accumulated micro-batches. @default 16 */
  globalBatchSize?: number | undefined;
  /** Examples per GPU per micro-batch. @default 1 */
  perDeviceBatchSize?: number | undefined;
  /** The longest example allowed, in tokens. @default 32768 */
  blockSize?: number | undefined;
  /** Recompute each decoder layer's activations in the backward pass. @default true */
  gradientCheckpointing?: boolean | undefined;
  /** bf16 compute over fp32 master weights; off trains in fp32. @default true */
  bf16?: boolean | undefined;
  /** The Trainer's seed. @default 42 */
  seed?: number | undefined;
  /** GPUs of each node in the accelerate config. @default 8 */
  gpusPerNode?: number | undefined;
  /** Nodes in the accelerate config. @default 1 */
  nodes?: number | undefined;
  /** Replace an existing non-empty `out`. @default false */
  overwrite?: boolean | undefined;
}

const positiveInteger = z.number().int().positive();
const share = z.number().min(0).lt(1);

const optionsSchema = z.strictObject({
  out: z.string().min(1),
  model: z.string().trim().min(1),
  data: z.custom<TrainingExamples>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (Symbol.iterator in value || Symbol.asyncIterator in value),
    'must be an array, an iterable or an async iterable of { input_ids, labels }',
  ),
  padTokenId: z.number().int().nonnegative().default(s1FsdpDefaults.padTokenId),
  epochs: z.number().positive().default(s1FsdpDefaults.epochs),
  learningRate: z.number().positive().default(s1FsdpDefaults.learningRate),
  warmupRatio: share.default(s1FsdpDefaults.warmupRatio),
  weightDecay: z.number().nonnegative().default(s1FsdpDefaults.weightDecay),
  adamBeta1: share.default(s1FsdpDefaults.adamBeta1),
  adamBeta2: share.default(s1FsdpDefaults.adamBeta2),
  adamEpsilon: z.number().positive().default(s1FsdpDefaults.adamEpsilon),
  maxGradNorm: z.number().nonnegative().default(s1FsdpDefaults.maxGradNorm),
  globalBatchSize: positiveInteger.default(s1FsdpDefaults.globalBatchSize),
  perDeviceBatchSize: positiveInteger.default(s1FsdpDefaults.perDeviceBatchSize),
  blockSize: positiveInteger.default(s1FsdpDefaults.blockSize),
  gradientCheckpointing: z.boolean().default(s1FsdpDefaults.gradientCheckpointing),
  bf16: z.boolean().default(s1FsdpDefaults.bf16),
  seed: z.number().int().nonnegative().default(s1FsdpDefaults.seed),
  gpusPerNode: positiveInteger.default(s1FsdpDefaults.gpusPerNode),
  nodes: positiveInteger.default(s1FsdpDefaults.nodes),
  overwrite: z.boolean().default(false),
});

export type ResolvedFsdpPlanOptions = z.output<typeof optionsSchema>;

/** Validates the options and fills in the s1 defaults. */
export function resolveFsdpPlanOptions(options: WriteFsdpPlanOptions): ResolvedFsdpPlanOptions {
  const resolved = validate(optionsSchema, options, 'writeFsdpPlan options');
  const { globalBatchSize, perDeviceBatchSize, gpusPerNode, nodes } = resolved;
  // The accelerate config is written for this layout, so it must give whole accumulation steps.
  const perMicroBatch = perDeviceBatchSize * gpusPerNode * nodes;
  if (globalBatchSize % perMicroBatch !== 0) {
    throw new InvalidArgumentError({
      argument: 'writeFsdpPlan options',
      issues: [
        {
          path: 'globalBatchSize',
          message: `${globalBatchSize} examples per step do not split into ${nodes} node(s) × ${gpusPerNode} GPUs × ${perDeviceBatchSize} per device (${perMicroBatch} a micro-batch); choose gpusPerNode, nodes and perDeviceBatchSize whose product divides globalBatchSize`,
        },
      ],
    });
  }
  return resolved;
}
