/**
 * The budget-forcing controller and its options, the backend spec v1 and the stepping
 * helpers for writing a backend, the rejection-sampling and conditional-control baselines,
 * parallel sampling and majority voting, and the Control / Scaling / Performance metrics.
 *
 * @module @s1/budget-forcing
 */
export {
  type ConditionalControl,
  conditionalControlInstruction,
  conditionalControlPrompt,
} from './baselines/conditional-prompts';
export {
  createRejectionSampling,
  type RejectionSamplingOptions,
  type RejectionSamplingResult,
} from './baselines/rejection-sampling';
export { backendSchema } from './common/backend-schema';
export { backendTokenizerFrom } from './common/backend-tokenizer';
export { type BudgetForcing, createBudgetForcing } from './controller/create-budget-forcing';
export type {
  AnswerOptions,
  BudgetForcingOptions,
  BudgetForcingRequest,
  FidelityMode,
  ThinkingOptions,
} from './controller/options';
export { thinkingOptionsSchema } from './controller/options';
export type {
  BudgetForcingEvent,
  BudgetForcingResult,
  BudgetForcingUsage,
  BudgetForcingWarning,
} from './controller/result';
export { GenerationAbortedError } from './errors/abort-error';
export { APICallError, RetryError } from './errors/api-call-error';
export { BackendError } from './errors/backend-error';
export { ContextLengthError } from './errors/context-length-error';
export { RequestLimitError } from './errors/request-limit-error';
export {
  control,
  performance,
  type Scaling,
  type ScalingRun,
  scaling,
} from './metrics/test-time-scaling-metrics';
export {
  type MajorityVote,
  type MajorityVoteOptions,
  majorityVote,
} from './parallel/majority-vote';
export { type SampleNOptions, sampleN } from './parallel/sample-n';
export { type VotedSample, type VotingPoint, votingCurve } from './parallel/voting-curve';
export type {
  BackendCapabilities,
  BackendTokenizer,
  BackendV1,
  EncodedIds,
  OpenSessionRequest,
  Prompt,
  Sampling,
  SegmentRequest,
  SegmentResult,
  StepSession,
} from './spec/backend-v1';
export {
  createSteppingBackend,
  type SteppingBackend,
  type SteppingBackendOptions,
  steppingCapabilities,
} from './stepping/create-stepping-backend';
export { generateSegmentBySteps, segmentGenerator } from './stepping/segments-from-steps';
export { createTokenSampler } from './stepping/token-sampler';
