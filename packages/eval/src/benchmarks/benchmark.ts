/** How a problem's answer is graded: an AIME integer, a free-form math answer, or a letter. */
export type ProblemKind = 'integer' | 'math' | 'choice';

/**
 * One evaluation problem, ready to send: `prompt` is the user turn of the s1 harness, `answer`
 * the gold as the harness compares it (normalised integer, answer string, or choice letter).
 */
export interface BenchmarkProblem {
  /** The problem's id in its set. */
  id: string;
  /** The user turn. */
  prompt: string;
  /** The gold answer. */
  answer: string;
  /** How the answer is graded. */
  kind: ProblemKind;
  /** The choices in the order the prompt lists them (`kind: 'choice'` only). */
  choices?: string[];
  /** The row's other fields (solution, subject, url, …), kept for reports. */
  meta?: Record<string, unknown>;
}

/** A named list of problems, in file order. */
export interface Benchmark {
  /** The benchmark's name. */
  name: string;
  /** Its problems, in file order. */
  problems: BenchmarkProblem[];
}
