/** Attempts a question; returns the attempt's text. Any model, API or function will do. */
export type Solver = (question: string) => Promise<string>;

/** What a grader judges: an attempt at a question against the reference solution. */
export interface GradeRequest {
  /** The question attempted. */
  question: string;
  /** The attempt's text. */
  attempt: string;
  /** The reference solution or answer; without one there is nothing to grade against. */
  solution: string | null | undefined;
}

/** Judges an attempt: true when correct, null when it cannot tell (no solution, no verdict). */
export type Grader = (request: GradeRequest) => Promise<boolean | null>;
