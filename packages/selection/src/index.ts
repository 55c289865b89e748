/**
 * Selection of a small SFT set as s1 built s1K: the pipeline and its stages (quality,
 * decontamination, difficulty, diversity, sampling), the model calls they make, with a call
 * cache, and the selection's report.
 *
 * @module @s1/selection
 */
export { cachedCall } from './cache/cached-call';
export { type CallCache, type CallCacheStats, createCallCache } from './cache/create-call-cache';
export { UncacheableValueError } from './cache/uncacheable-value-error';
export {
  type DecontaminateOptions,
  type DecontaminationDecision,
  decontaminate,
  type QuestionOrigin,
  type QuestionSet,
} from './decontamination/decontaminate';
export {
  type FindNearDuplicatesOptions,
  findNearDuplicates,
  type NearDuplicatePair,
} from './decontamination/find-near-duplicates';
export {
  type CountTraceTokensOptions,
  countTraceTokens,
} from './difficulty/count-trace-tokens';
export { type BackendSolverOptions, createBackendSolver } from './difficulty/create-backend-solver';
export { createLlmGrader, type LlmGraderOptions } from './difficulty/create-llm-grader';
export {
  type DifficultyFeatureOptions,
  type DifficultyFeatures,
  difficultyFeatures,
} from './difficulty/difficulty-features';
export { s1DifficultyDrop } from './difficulty/s1-difficulty-drop';
export type { GradeRequest, Grader, Solver } from './difficulty/solver-types';
export { UnknownSolverError } from './difficulty/unknown-solver-error';
export {
  createDomainClassifier,
  type DomainClassifier,
  type DomainClassifierOptions,
} from './diversity/domain-classifier';
export { type MscDomain, msc2020Domains, mscDomainByCode } from './diversity/msc-2020';
export {
  createSelection,
  type DroppedRecord,
  type SelectionOptions,
  type SelectionReport,
  type SelectionResult,
} from './pipeline/create-selection';
export { filterStage } from './pipeline/filter-stage';
export type {
  DroppedItem,
  SelectionStage,
  StageContext,
  StageOutcome,
} from './pipeline/selection-stage';
export { writeSelection } from './pipeline/write-selection';
export type { PoolItem, RecordAccessors } from './pool-record';
export {
  type CheckQualityOptions,
  checkQuality,
  type QualityDecision,
} from './quality/check-quality';
export {
  type FindMissingFieldsOptions,
  findMissingFields,
  s1RequiredFields,
} from './quality/missing-fields';
export {
  predicateRule,
  type QualityRecord,
  type QualityRule,
  regexRule,
} from './quality/quality-rule';
export { s1QualityRules } from './quality/s1-quality-rules';
export { fieldAccessors, questionHash, s1KAccessors } from './s1k-accessors';
export { SamplingError } from './sampling/sampling-error';
export { decontaminationStage } from './stages/decontamination-stage';
export { difficultyStage } from './stages/difficulty-stage';
export { domainStage } from './stages/domain-stage';
export { type FeatureStageOptions, featureStage } from './stages/feature-stage';
export { missingFieldsStage } from './stages/missing-fields-stage';
export { qualityStage } from './stages/quality-stage';
export {
  ranksByLength,
  type SamplingMethod,
  type SamplingStageOptions,
  samplingStage,
} from './stages/sampling-stage';
export { type TraceLengthStageOptions, traceLengthStage } from './stages/trace-length-stage';
