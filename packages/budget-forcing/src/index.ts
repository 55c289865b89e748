export { type BudgetForcing, createBudgetForcing } from './controller/create-budget-forcing';
export type {
  AnswerOptions,
  BudgetForcingOptions,
  BudgetForcingRequest,
  FidelityMode,
  ThinkingOptions,
} from './controller/options';
export type {
  BudgetForcingEvent,
  BudgetForcingResult,
  BudgetForcingUsage,
  BudgetForcingWarning,
} from './controller/result';
export { GenerationAbortedError } from './errors/abort-error';
export { APICallError, RetryError } from './errors/api-call-error';
export { BackendError } from './errors/backend-error';
export { backendTokenizerFrom } from './spec/backend-tokenizer';
export type {
  BackendCapabilities,
  BackendTokenizer,
  BackendV1,
  OpenSessionRequest,
  Prompt,
  Sampling,
  SegmentRequest,
  SegmentResult,
  StepSession,
} from './spec/backend-v1';
export { generateSegmentBySteps, segmentGenerator } from './spec/segments-from-steps';
