import { functionSchema, objectSchema } from '@s1/errors';
import { z } from 'zod';
import { TrainingInputError } from './training-errors';

/** What the trainer reports after each call of the training graph (one or more steps). */
export interface TrainingProgress {
  /** Optimizer steps done. */
  step: number;
  /** Optimizer steps in the whole run. */
  totalSteps: number;
  /** The epoch of the last step, from 0. */
  epoch: number;
  /** The loss of the last step. */
  loss: number;
  /** The learning rate of the last step. */
  learningRate: number;
  /** The gradient norm of the last step, before clipping. */
  gradNorm: number;
  /** Tokens (padding excluded) processed per second, over the run so far. */
  tokensPerSecond: number;
  /** Seconds since the run (or its resumption) started. */
  elapsedSeconds: number;
  /** Seconds left, at the rate so far (0 before a rate is known). */
  etaSeconds: number;
}

const positive = z.number().int().positive();

/**
 * The options of `train`. Every hyper-parameter has the s1 default (the s1 repository's
 * train/sft.sh and the paper's appendix): 5 epochs, global batch 16, AdamW β = (0.9, 0.95),
 * ε = 1e-8, weight decay 1e-4 (not on biases and norm weights), learning rate 1e-5 with 5% linear
 * warm-up then cosine to 0, gradient clipping at 1.0, block size 32768.
 */
const trainOptionsObject = z.strictObject({
  /** A Hugging Face model folder: config.json, model.safetensors, tokenizer files. */
  model: z.string().min(1),
  /** The tokenized training set `s1 format` writes: Parquet or JSONL with `input_ids` and `labels`. */
  data: z.string().min(1),
  /** The run folder: metrics.jsonl, loss curve, checkpoints/, final/. */
  outDir: z.string().min(1),
  /** Passes over the examples. @default 5 */
  epochs: positive.default(5),
  /** Stop after this many optimizer steps (the schedule then spans them), whatever `epochs` says. */
  maxSteps: positive.optional(),
  /** Examples per micro-batch. @default 1 */
  batchSize: positive.default(1),
  /**
   * Micro-batches per optimizer step; the global batch is batchSize × gradientAccumulation.
   * @default 16
   */
  gradientAccumulation: positive.default(16),
  /** Peak learning rate, after the linear warm-up and before the cosine decay. @default 1e-5 */
  learningRate: z.number().positive().default(1e-5),
  /** Share of the steps spent warming up linearly from 0. @default 0.05 */
  warmupRatio: z.number().min(0).max(1).default(0.05),
  /** AdamW's decoupled weight decay (not on biases and norm weights). @default 1e-4 */
  weightDecay: z.number().min(0).default(1e-4),
  /** AdamW's β1. @default 0.9 */
  beta1: z.number().min(0).lt(1).default(0.9),
  /** AdamW's β2. @default 0.95 */
  beta2: z.number().min(0).lt(1).default(0.95),
  /** AdamW's ε. @default 1e-8 */
  epsilon: z.number().positive().default(1e-8),
  /** Global-norm gradient clipping; 0 turns it off. @default 1 */
  maxGradNorm: z.number().min(0).default(1),
  /** Longer examples are cut at the end, as TRL cuts them. @default 32768 */
  blockSize: positive.default(32_768),
  /** Seeds the order of examples in each epoch. @default 0 */
  seed: z.number().int().nonnegative().default(0),
  /** `cpu`, or `cuda` (onnxruntime-node installed with CUDA). @default 'cpu' */
  executionProvider: z.enum(['cpu', 'cuda']).default('cpu'),
  /** CPU threads of ONNX Runtime. @default ONNX Runtime's choice (the physical cores) */
  threads: positive.optional(),
  /**
   * Optimizer steps run in one call of the training graph (an ONNX Loop), weights staying in the
   * runtime. @default 4
   */
  stepsPerCall: positive.default(4),
  /**
   * Recompute each decoder layer's activations in the backward pass instead of keeping them:
   * less memory (one layer's activations at a time), about a third more compute, the same
   * weights bit for bit. @default false
   */
  recompute: z.boolean().default(false),
  /**
   * The precision of the forward and backward pass: `bfloat16` is s1's mixed precision (bfloat16
   * activations and matrix products over float32 master weights, which AdamW updates; norms,
   * softmax and loss in float32). It needs `executionProvider: 'cuda'`: ONNX Runtime's CPU
   * provider has no bfloat16 kernels. @default 'float32'
   */
  precision: z.enum(['float32', 'bfloat16']).default('float32'),
  /**
   * Write a checkpoint every this many steps (rounded up to whole calls), and at the end. @default
   * 50
   */
  saveEvery: positive.default(50),
  /** Checkpoints kept (the newest). @default 2 */
  keepCheckpoints: positive.default(2),
  /** Continue the run in `outDir` from its newest checkpoint. @default false */
  resume: z.boolean().default(false),
  /**
   * Write the trained model (Hugging Face folder, ONNX decoder, GGUF) to `outDir/final`. @default
   * true
   */
  exportFinal: z.boolean().default(true),
  /** Called after each call of the training graph (one or more steps). */
  onProgress: functionSchema<(progress: TrainingProgress) => void>().optional(),
  /** The onnxruntime-node module (a CUDA build, say). @default import('onnxruntime-node') */
  lib: objectSchema<unknown>('the onnxruntime-node module').optional(),
  /** Stops the run between calls of the training graph. */
  signal: z.instanceof(AbortSignal).optional(),
});

/** The options of `train`, with the precision checked against the execution provider. */
export const trainOptionsSchema = trainOptionsObject.refine(
  (options) => options.precision !== 'bfloat16' || options.executionProvider === 'cuda',
  {
    path: ['precision'],
    message:
      'bfloat16 needs executionProvider "cuda" (ONNX Runtime\'s CPU provider has no bfloat16 kernels); train in float32 on the CPU',
  },
);

/**
 * The options of {@link train}. Every hyper-parameter has the s1 default (the s1 repository's
 * train/sft.sh and the paper's appendix).
 *
 * @useDeclaredType
 */
export type TrainOptions = z.input<typeof trainOptionsSchema>;
export type ResolvedTrainOptions = z.output<typeof trainOptionsSchema>;

/** The options with their defaults, or a `TrainingInputError` naming the option. */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  const result = trainOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new TrainingInputError({
    where: `train options${issue?.path.length ? `, ${issue.path.join('.')}` : ''}`,
    problem: issue?.message ?? 'invalid',
    fix: 'See the options of train() in the @s1/trainer-cuda README',
  });
}
