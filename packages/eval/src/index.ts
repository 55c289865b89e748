export type { Benchmark, BenchmarkProblem, ProblemKind } from './benchmarks/benchmark';
export { type LoadAimeOptions, loadAime } from './benchmarks/load-aime';
export { type LoadGpqaDiamondOptions, loadGpqaDiamond } from './benchmarks/load-gpqa-diamond';
export { loadMath500 } from './benchmarks/load-math500';
export { type LoadProblemsOptions, loadProblems } from './benchmarks/load-problems';
export { normalizeIntegerAnswer } from './benchmarks/normalize-integer-answer';
export { withConditionalControl } from './benchmarks/with-conditional-control';
export {
  type EquivalenceRule,
  type MathEqualOptions,
  type MathEquivalence,
  mathEqual,
  mathEquivalence,
} from './equivalence/math-equivalence';
export { normalizeAnswer } from './equivalence/normalize-answer';
export { answerSegment } from './extraction/answer-segment';
export { type ExtractedAnswer, extractAnswer } from './extraction/extract-answer';
export type { ExtractionFidelity, FidelityOptions } from './extraction/fidelity';
export { type GpqaChoice, gpqaChoice } from './extraction/gpqa-choice';
export { lastBoxedOnlyString } from './extraction/last-boxed-only-string';
export { MalformedBoxError } from './extraction/malformed-box-error';
export { removeBoxed } from './extraction/remove-boxed';
export { gradeAnswer } from './grading/grade-answer';
export { gradeAnswerWithJudge } from './grading/grade-with-judge';
export { createLlmJudge, type LlmJudge, type LlmJudgeOptions } from './judge/llm-judge';
export { referenceThinkingTokens } from './report/reference-thinking-tokens';
export { renderHtmlReport, renderMarkdownReport } from './report/render-report';
export { renderScalingPlot, scalingPoints } from './report/scaling-plot';
export {
  type ConfigSummary,
  type EvalSummary,
  summarizeResults,
} from './report/summarize-results';
export { type ReportFiles, type WriteReportOptions, writeReport } from './report/write-report';
export { type BudgetSweepOptions, budgetSweep, type EvalConfig } from './runner/eval-config';
export { openResultsFile, type ResultsFile } from './runner/results-file';
export {
  type EvalProblem,
  type Grade,
  type RunEvalOptions,
  type RunEvalResult,
  runEval,
} from './runner/run-eval';
export { type SampleRecord, sampleKey, sampleRecordSchema } from './runner/sample-record';
