import type { ResolvedFsdpPlanOptions } from './fsdp-plan-options';
import { type TrainingSteps, trainingSteps } from './training-steps';
import type { ExampleCounts } from './write-training-examples';

/** What plan.json holds; the script, the accelerate config and the README are written from it. */
export interface FsdpPlan {
  /** The Hugging Face model id or folder, as the script loads it. */
  model: string;
  /** The training settings, as the script passes them to transformers' Trainer. */
  hyperparameters: {
    /** Passes over the examples. */
    epochs: number;
    /** Peak learning rate. */
    learningRate: number;
    /** The schedule after warm-up: cosine decay to 0. */
    lrSchedulerType: 'cosine';
    /** Share of the optimizer steps spent warming up linearly from 0. */
    warmupRatio: number;
    /** AdamW's weight decay. */
    weightDecay: number;
    /** AdamW's β1. */
    adamBeta1: number;
    /** AdamW's β2. */
    adamBeta2: number;
    /** AdamW's ε. */
    adamEpsilon: number;
    /** The global gradient norm clipped to; 0: no clipping. */
    maxGradNorm: number;
    /** Examples per optimizer step, over all GPUs and accumulated micro-batches. */
    globalBatchSize: number;
    /** Examples per GPU per micro-batch. */
    perDeviceBatchSize: number;
    /** The longest example allowed, in tokens. */
    blockSize: number;
    /** Whether decoder layers' activations are recomputed in the backward pass. */
    gradientCheckpointing: boolean;
    /** Whether compute runs in bf16 over fp32 master weights. */
    bf16: boolean;
    /** The Trainer's seed. */
    seed: number;
    /** The id that pads `input_ids` in a batch. */
    padTokenId: number;
  };
  /** The layout of the accelerate config; the script recomputes the accumulation at launch. */
  launch: {
    /** Nodes. */
    nodes: number;
    /** GPUs of each node. */
    gpusPerNode: number;
    /** Processes in all: one per GPU. */
    processes: number;
    /** Micro-batches per optimizer step on each process. */
    gradientAccumulationSteps: number;
  };
  /** What the examples hold. */
  counts: ExampleCounts & {
    /** Examples whose labels are all -100. */
    untrainedExamples: number;
  };
  /** The optimizer steps the run takes. */
  steps: TrainingSteps;
}

export function buildFsdpPlan(options: ResolvedFsdpPlanOptions, counts: ExampleCounts): FsdpPlan {
  const processes = options.gpusPerNode * options.nodes;
  return {
    model: options.model,
    hyperparameters: {
      epochs: options.epochs,
      learningRate: options.learningRate,
      lrSchedulerType: 'cosine',
      warmupRatio: options.warmupRatio,
      weightDecay: options.weightDecay,
      adamBeta1: options.adamBeta1,
      adamBeta2: options.adamBeta2,
      adamEpsilon: options.adamEpsilon,
      maxGradNorm: options.maxGradNorm,
      globalBatchSize: options.globalBatchSize,
      perDeviceBatchSize: options.perDeviceBatchSize,
      blockSize: options.blockSize,
      gradientCheckpointing: options.gradientCheckpointing,
      bf16: options.bf16,
      seed: options.seed,
      padTokenId: options.padTokenId,
    },
    launch: {
      nodes: options.nodes,
      gpusPerNode: options.gpusPerNode,
      processes,
      gradientAccumulationSteps: options.globalBatchSize / (options.perDeviceBatchSize * processes),
    },
    counts: {
      examples: counts.examples,
      tokens: counts.tokens,
      trainedTokens: counts.trainedTokens,
      untrainedExamples: counts.untrainedExampleIndices.length,
      untrainedExampleIndices: counts.untrainedExampleIndices,
    },
    steps: trainingSteps({
      examples: counts.examples,
      globalBatchSize: options.globalBatchSize,
      epochs: options.epochs,
      warmupRatio: options.warmupRatio,
    }),
  };
}
