/**
 * `unsupported`: a capability the backend lacks, and what the controller did instead.
 * `limited`: a budget cut to fit a limit (the model's context), and by how much.
 */
export interface BudgetForcingWarning {
  type: 'unsupported' | 'limited';
  feature: string;
  details: string;
}

export interface BudgetForcingUsage {
  /** Prompt tokens, thinking start included. */
  promptTokens: number;
  /** Tokens the model generated (stop tokens included, as servers count them). */
  generatedTokens: number;
  /** Tokens the controller appended: continuations, forced delimiters and text. */
  insertedTokens: number;
  /** Backend calls: segment requests, or sessions opened. */
  requests: number;
}

export interface BudgetForcingResult {
  /** The assistant text: thinking start + thinking + end delimiter (and forced text) + answer. */
  text: string;
  thinking: string;
  answer: string;
  /**
   * Thinking tokens: generated ones plus inserted continuations, delimiters excluded. In
   * `harness` mode, the ids the answer was conditioned on after the harness's final cut.
   */
  thinkingTokens: number;
  /**
   * Thinking tokens past the budget, spent to finish a character split across tokens (at most 3)
   * or, with `wordBoundary`, the current word. 0 unless the budget ended thinking.
   */
  graceTokens: number;
  /** Answer tokens generated, the stop token excluded. */
  answerTokens: number;
  /** Thinking rounds: 1 + continuations appended. */
  rounds: number;
  /** Ends of thinking that were suppressed. */
  ignoredEnds: number;
  /** Whether the thinking budget forced the end of thinking. */
  hitBudget: boolean;
  /** Why thinking ended: the model ended it, emitted EOS, or the budget did. */
  thinkingEnd: 'model' | 'eos' | 'budget';
  /** Why the answer ended. */
  finishReason: 'stop' | 'length';
  usage: BudgetForcingUsage;
  warnings: BudgetForcingWarning[];
}

/** Events of `stream()`, in order. */
export type BudgetForcingEvent =
  | { type: 'thinking-delta'; text: string }
  | { type: 'continuation'; text: string; thinkingTokens: number }
  | { type: 'budget-exhausted'; thinkingTokens: number; forcedText: string }
  | { type: 'answer-delta'; text: string }
  | { type: 'done'; result: BudgetForcingResult };

/**
 * Hands an event to the reader; a stream's reader that is behind makes it return a promise that
 * settles when there is room, which modes await so that generation waits too.
 */
export type EmitEvent = (
  event: Exclude<BudgetForcingEvent, { type: 'done' }>,
) => Promise<void> | undefined;
