import type {
  ChatMessage,
  ChatTemplate,
  ReasoningFormat,
  ReasoningFormatName,
} from '@s1/chat-template';
import { z } from 'zod';
import type { BackendV1, Sampling } from '../spec/backend-v1';

/** How thinking is budgeted. Every field has the s1 default. */
export interface ThinkingOptions {
  /**
   * Most thinking tokens. `auto` is the harness rule: answer.maxTokens − prompt tokens −
   * delimiter tokens − 100. Undefined: no cap beyond `answer.maxTokens`.
   */
  max?: number | 'auto' | undefined;
  /** Fewest thinking tokens: an earlier end is suppressed and a continuation appended. @default 0 */
  min?: number | undefined;
  /** How many early ends to suppress, whatever the count (the harness's `thinking_n_ignore`). @default 0 */
  ignoreEnd?: number | undefined;
  /** Appended after a suppressed end; a list is used in turn. @default 'Wait' */
  continuation?: string | readonly string[] | undefined;
  /** Written after the end delimiter when the budget forced it. @default 'Final Answer:' */
  onBudget?: string | undefined;
  /** Written before the end delimiter when the budget forced it (e.g. Qwen3's "Considering the limited time…"). */
  forcedEndText?: string | undefined;
  /**
   * Let the model finish its current word before a forced end, for at most `maxGraceTokens`
   * more tokens (token stepping only). @default false
   */
  wordBoundary?: boolean | { maxGraceTokens?: number | undefined } | undefined;
}

export interface AnswerOptions {
  /** Most answer tokens (the harness's `max_gen_toks`, also the base of `auto`). @default 32768 */
  maxTokens?: number | undefined;
  /** Extra stop strings for the answer; EOS always stops it. */
  stop?: readonly string[] | undefined;
}

/**
 * - `exact` (default): one budget across rounds, inserted continuation tokens counted, no
 *   forced text cut inside a character, token-exact when the backend steps tokens.
 * - `harness`: the s1 evaluation harness bit for bit, quirks included (`VLLM._model_generate` in
 *   `eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py` of github.com/simplescaling/s1).
 * - `readme`: the loop of the s1 README's "vLLM with budget forcing" snippet
 *   (github.com/simplescaling/s1).
 */
export type FidelityMode = 'exact' | 'harness' | 'readme';

export interface BudgetForcingOptions {
  backend: BackendV1;
  /** @default 's1' */
  format?: ReasoningFormatName | ReasoningFormat | undefined;
  /** Renders `messages` requests. @default the `s1` preset of @s1/chat-template */
  template?: ChatTemplate | undefined;
  /** @default 'exact' */
  mode?: FidelityMode | undefined;
  thinking?: ThinkingOptions | undefined;
  answer?: AnswerOptions | undefined;
  sampling?: Sampling | undefined;
  /**
   * The most backend requests one generation may make; past it the run fails with a
   * `RequestLimitError` instead of asking a broken server forever. @default 128, or ignoreEnd + 8
   */
  maxRequests?: number | undefined;
}

export type BudgetForcingRequest = ({ prompt: string } | { messages: readonly ChatMessage[] }) & {
  /** Per-request changes to the thinking options (sweeps). */
  thinking?: ThinkingOptions | undefined;
  sampling?: Sampling | undefined;
  signal?: AbortSignal | undefined;
};

const count = z.number().int().nonnegative();

export const thinkingOptionsSchema = z.strictObject({
  max: z.union([count, z.literal('auto')]).optional(),
  min: count.optional(),
  ignoreEnd: count.optional(),
  continuation: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  onBudget: z.string().optional(),
  forcedEndText: z.string().optional(),
  wordBoundary: z
    .union([
      z.boolean(),
      z.strictObject({ maxGraceTokens: z.number().int().positive().optional() }),
    ])
    .optional(),
});

export const samplingSchema = z.strictObject({
  temperature: z.number().nonnegative().optional(),
  topP: z.number().gt(0).lte(1).optional(),
  seed: z.number().int().optional(),
});

export const optionsSchema = z.looseObject({
  backend: z.custom<BackendV1>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      (value as BackendV1).specificationVersion === 'v1',
    'backend must implement the backend spec v1 (specificationVersion: "v1")',
  ),
  mode: z.enum(['exact', 'harness', 'readme']).optional(),
  thinking: thinkingOptionsSchema.optional(),
  answer: z
    .strictObject({
      maxTokens: z.number().int().positive().optional(),
      stop: z.array(z.string()).optional(),
    })
    .optional(),
  sampling: samplingSchema.optional(),
  maxRequests: z.number().int().positive().optional(),
});

/** Thinking options with every default filled in. */
export interface ResolvedThinking {
  max: number | 'auto' | undefined;
  min: number;
  ignoreEnd: number;
  continuations: readonly string[];
  onBudget: string;
  forcedEndText: string;
  maxGraceTokens: number;
}

export function resolveThinking(
  base: ThinkingOptions = {},
  override: ThinkingOptions = {},
): ResolvedThinking {
  const merged = { ...base, ...override };
  const continuation = merged.continuation ?? 'Wait';
  const wordBoundary = merged.wordBoundary ?? false;
  return {
    max: merged.max,
    min: merged.min ?? 0,
    ignoreEnd: merged.ignoreEnd ?? 0,
    continuations: typeof continuation === 'string' ? [continuation] : continuation,
    onBudget: merged.onBudget ?? 'Final Answer:',
    forcedEndText: merged.forcedEndText ?? '',
    maxGraceTokens:
      wordBoundary === false ? 0 : wordBoundary === true ? 8 : (wordBoundary.maxGraceTokens ?? 8),
  };
}
