import type { ResolvedFsdpPlanOptions } from './fsdp-plan-options';
import { type TrainingSteps, trainingSteps } from './training-steps';
import type { ExampleCounts } from './write-training-examples';

/** What plan.json holds; the script, the accelerate config and the README are written from it. */
export interface FsdpPlan {
  model: string;
  hyperparameters: {
    epochs: number;
    learningRate: number;
    lrSchedulerType: 'cosine';
    warmupRatio: number;
    weightDecay: number;
    adamBeta1: number;
    adamBeta2: number;
    adamEpsilon: number;
    maxGradNorm: number;
    globalBatchSize: number;
    perDeviceBatchSize: number;
    blockSize: number;
    gradientCheckpointing: boolean;
    bf16: boolean;
    seed: number;
    padTokenId: number;
  };
  /** The layout of the accelerate config; the script recomputes the accumulation at launch. */
  launch: {
    nodes: number;
    gpusPerNode: number;
    processes: number;
    gradientAccumulationSteps: number;
  };
  counts: ExampleCounts & { untrainedExamples: number };
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
