export { InvalidArgumentError, OutputExistsError } from '@s1/errors';
export { differentiate } from './autodiff/differentiate';
export type {
  CheckInput,
  Emitter,
  GradientCheck,
  GradientContext,
  OpDefinition,
} from './autodiff/op-definition';
export { differentiableOps, type Ops } from './autodiff/ops';
export { broadcastShapes, sizeOf, type Tensor } from './autodiff/tensor';
export { createTracedGraph, type TapeEntry, type TracedGraph } from './autodiff/traced-graph';
export type { FsdpPlan } from './fsdp/fsdp-plan';
export {
  s1FsdpDefaults,
  type TokenizedTrainingExample,
  type TrainingExamples,
  type WriteFsdpPlanOptions,
} from './fsdp/fsdp-plan-options';
export { TrainingExampleError } from './fsdp/training-example-error';
export type { TrainingSteps } from './fsdp/training-steps';
export { type WrittenFsdpPlan, writeFsdpPlan } from './fsdp/write-fsdp-plan';
export type { AdamWSettings } from './optimizer/adamw';
export { qwen2LossSum, type TokenBatch } from './qwen2/qwen2-loss';
export { type TrainingParameter, trainingParameters } from './qwen2/training-parameters';
export { toCheckpointLayout, toTrainingLayout } from './qwen2/weight-layout';
export type { StepMetrics } from './run/metrics-log';
export { type TrainResult, train } from './run/train';
export type { TrainingProgress, TrainOptions } from './run/train-options';
export { TrainingDivergedError, TrainingInputError } from './run/training-errors';
export {
  cosineLearningRate,
  type LearningRateSchedule,
  warmupStepsFor,
} from './schedule/learning-rate-schedule';
export {
  type CompiledTrainStep,
  compileTrainStep,
  type TrainStepOptions,
} from './step/compile-train-step';
export {
  type CompiledTrainingGraph,
  compileTrainingGraph,
  type TrainingGraphOptions,
} from './step/compile-training-graph';
export type { OptimizerSettings } from './step/optimizer-step';
export { stepNames, trainingOpset } from './step/step-names';
