/**
 * `unsupported`: a capability the backend lacks, and what the controller did instead.
 * `limited`: a budget cut to fit a limit (the model's context), and by how much.
 */
export interface BudgetForcingWarning {
  /** `unsupported` (a capability the backend lacks) or `limited` (a budget cut to fit a limit). */
  type: 'unsupported' | 'limited';
  /** The capability or budget concerned (e.g. `minTokens`, `temperature`). */
  feature: string;
  /** What was done instead, or by how much the budget was cut. */
  details: string;
}

/** Tokens and backend calls one generation used. */
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

/** The outcome of one budget-forced generation. */
export interface BudgetForcingResult {
  /** The assistant text: thinking start + thinking + end delimiter (and forced text) + answer. */
  text: string;
  /** The thinking, inserted continuations included, without the format's delimiters. */
  thinking: string;
  /** The answer, after the end of thinking and any forced text. */
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
  /** Tokens and backend calls used. */
  usage: BudgetForcingUsage;
  /** What the controller could not do as asked, and what it did instead. */
  warnings: BudgetForcingWarning[];
}

/** Events of `stream()`, in order. */
export type BudgetForcingEvent =
  | {
      /** Thinking text the model generated. */
      type: 'thinking-delta';
      /** The new thinking text. */
      text: string;
    }
  | {
      /** An end of thinking was suppressed and a continuation appended. */
      type: 'continuation';
      /** The continuation appended (e.g. `Wait`). */
      text: string;
      /** Thinking tokens so far, the continuation included. */
      thinkingTokens: number;
    }
  | {
      /** The thinking budget ended thinking. */
      type: 'budget-exhausted';
      /** Thinking tokens when the budget ended it. */
      thinkingTokens: number;
      /** The text the controller appended to end thinking (the end delimiter, `onBudget`, …). */
      forcedText: string;
    }
  | {
      /** Answer text the model generated. */
      type: 'answer-delta';
      /** The new answer text. */
      text: string;
    }
  | {
      /** The generation finished. */
      type: 'done';
      /** The same result `generate` returns. */
      result: BudgetForcingResult;
    };

/**
 * Hands an event to the reader; a stream's reader that is behind makes it return a promise that
 * settles when there is room, which modes await so that generation waits too.
 */
export type EmitEvent = (
  event: Exclude<BudgetForcingEvent, { type: 'done' }>,
) => Promise<void> | undefined;
