export { cachedCall } from './cache/cached-call';
export { callKeyHash } from './cache/call-key-hash';
export { canonicalJson } from './cache/canonical-json';
export { type CallCache, type CallCacheStats, createCallCache } from './cache/create-call-cache';
export { UncacheableValueError } from './cache/uncacheable-value-error';
export { type FindCommonNgramsOptions, findCommonNgrams } from './decontamination/common-ngrams';
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
export { createMinHasher, estimateJaccard, type MinHashOptions } from './decontamination/minhash';
export {
  createMinHashIndex,
  type MinHashIndex,
  type MinHashIndexOptions,
  type NearDuplicate,
} from './decontamination/minhash-index';
export {
  createNgramIndex,
  type NgramIndex,
  type NgramIndexOptions,
  type NgramMatch,
} from './decontamination/ngram-index';
export { normalizeText, wordNgrams } from './decontamination/normalize-text';
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
export { gradingSystemPrompt, gradingUserPrompt } from './difficulty/grading-prompt';
export { parseGrade } from './difficulty/parse-grade';
export { s1DifficultyDrop } from './difficulty/s1-difficulty-drop';
export { solverPrompt } from './difficulty/solver-prompt';
export type { GradeRequest, Grader, Solver } from './difficulty/solver-types';
export { traceLength } from './difficulty/trace-length';
export { UnknownSolverError } from './difficulty/unknown-solver-error';
export {
  domainClassifierSystemPrompt,
  domainClassifierUserPrompt,
  rubricEntry,
} from './diversity/classifier-prompt';
export {
  createDomainClassifier,
  type DomainClassifier,
  type DomainClassifierOptions,
} from './diversity/domain-classifier';
export { type MscDomain, msc2020Domains, mscDomainByCode } from './diversity/msc-2020';
export { type ParsedDomainCode, parseDomainCode } from './diversity/parse-domain-code';
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
export { benchmarkDomainWeights } from './sampling/benchmark-domain-weights';
export { diverseSample } from './sampling/diverse-sample';
export { drawRank, rankWeights } from './sampling/draw-rank';
export { fullPool } from './sampling/full-pool';
export { longestSample } from './sampling/longest-sample';
export { randomSample } from './sampling/random-sample';
export { type S1SampleOptions, s1Sample } from './sampling/s1-sample';
export type { BenchmarkPhase } from './sampling/sample-by-domain';
export type { SamplePick, SampleResult } from './sampling/sample-pick';
export { SamplingError } from './sampling/sampling-error';
export { type RandomSource, seededRandom, uniformIndex } from './sampling/seeded-random';
export { weightedIndex } from './sampling/weighted-index';
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
