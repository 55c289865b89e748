/**
 * The building blocks of the selection stages, for those who assemble their own: the prompts
 * and parsers of s1's grader and classifier, the text normalisation and the n-gram and MinHash
 * indexes behind decontamination, and the samplers and their weighted draws.
 *
 * @module @s1/selection/building-blocks
 */
export { callKeyHash } from './cache/call-key-hash';
export { canonicalJson } from './cache/canonical-json';
export { type FindCommonNgramsOptions, findCommonNgrams } from './decontamination/common-ngrams';
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
export { gradingSystemPrompt, gradingUserPrompt } from './difficulty/grading-prompt';
export { parseGrade } from './difficulty/parse-grade';
export { solverPrompt } from './difficulty/solver-prompt';
export { traceLength } from './difficulty/trace-length';
export {
  domainClassifierSystemPrompt,
  domainClassifierUserPrompt,
  rubricEntry,
} from './diversity/classifier-prompt';
export { type ParsedDomainCode, parseDomainCode } from './diversity/parse-domain-code';
export { benchmarkDomainWeights } from './sampling/benchmark-domain-weights';
export { diverseSample } from './sampling/diverse-sample';
export { drawRank, rankWeights } from './sampling/draw-rank';
export { fullPool } from './sampling/full-pool';
export { longestSample } from './sampling/longest-sample';
export { randomSample } from './sampling/random-sample';
export { type RandomSource, uniformIndex } from './sampling/random-source';
export { type S1SampleOptions, s1Sample } from './sampling/s1-sample';
export type { BenchmarkPhase } from './sampling/sample-by-domain';
export type { SamplePick, SampleResult } from './sampling/sample-pick';
export { weightedIndex } from './sampling/weighted-index';
