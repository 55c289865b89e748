import {
  type ChatMessage,
  type ChatTemplate,
  type ReasoningFormat,
  type ReasoningFormatName,
  reasoningFormats,
} from '@s1/chat-template';
import { type OptionsOf, objectSchema, type StrictSchema } from '@s1/errors';
import { z } from 'zod';
import { backendSchema } from '../common/backend-schema';
import { samplingSchema } from '../common/sampling-schema';
import type { Sampling } from '../spec/backend-v1';

const count = z.number().int().nonnegative();

const thinkingShape = {
  /**
   * Most thinking tokens. `auto` is the harness rule: answer.maxTokens − prompt tokens −
   * delimiter tokens − 100. Undefined: no cap beyond `answer.maxTokens`.
   */
  max: z.union([count, z.literal('auto')]).optional(),
  /** Fewest thinking tokens: an earlier end is suppressed and a continuation appended. @default 0 */
  min: count.optional(),
  /** How many early ends to suppress, whatever the count (the harness's `thinking_n_ignore`). @default 0 */
  ignoreEnd: count.optional(),
  /** Appended after a suppressed end; a list is used in turn. @default 'Wait' */
  continuation: z.union([z.string(), z.array(z.string()).min(1).readonly()]).optional(),
  /** Written after the end delimiter when the budget forced it. @default 'Final Answer:' */
  onBudget: z.string().optional(),
  /** Written before the end delimiter when the budget forced it (e.g. Qwen3's "Considering the limited time…"). */
  forcedEndText: z.string().optional(),
  /**
   * Let the model finish its current word before a forced end, for at most `maxGraceTokens`
   * more tokens (token stepping only). @default false
   */
  wordBoundary: z
    .union([
      z.boolean(),
      z.strictObject({
        /** Most extra tokens spent finishing the word. @default 8 */
        maxGraceTokens: z.number().int().positive().optional(),
      }),
    ])
    .optional(),
};

/** The zod schema of {@link ThinkingOptions}, for checking them where they are read. */
export const thinkingOptionsSchema: StrictSchema<typeof thinkingShape> =
  z.strictObject(thinkingShape);

/**
 * How thinking is budgeted. Every field has the s1 default.
 *
 * @useDeclaredType
 */
export type ThinkingOptions = OptionsOf<typeof thinkingShape>;

const answerShape = {
  /** Most answer tokens (the harness's `max_gen_toks`, also the base of `auto`). @default 32768 */
  maxTokens: z.number().int().positive().optional(),
  /** Extra stop strings for the answer; EOS always stops it. */
  stop: z.array(z.string()).readonly().optional(),
};

const answerOptionsSchema: StrictSchema<typeof answerShape> = z.strictObject(answerShape);

/**
 * The answer's budget and stops.
 *
 * @useDeclaredType
 */
export type AnswerOptions = OptionsOf<typeof answerShape>;

const fidelityModes = ['exact', 'harness', 'readme'] as const;

/**
 * - `exact` (default): one budget across rounds, inserted continuation tokens counted, no
 *   forced text cut inside a character, token-exact when the backend steps tokens.
 * - `harness`: the s1 evaluation harness bit for bit, quirks included (`VLLM._model_generate` in
 *   `eval/lm-evaluation-harness/lm_eval/models/vllm_causallms.py` of github.com/simplescaling/s1).
 * - `readme`: the loop of the s1 README's "vLLM with budget forcing" snippet
 *   (github.com/simplescaling/s1).
 *
 * @useDeclaredType
 */
export type FidelityMode = (typeof fidelityModes)[number];

/** How thinking is controlled: the options of the controller that rejection sampling replaces. */
export const thinkingControlShape = {
  /** @default 'exact' */
  mode: z.enum(fidelityModes).optional(),
  /** How thinking is budgeted: `max`, `min`, `ignoreEnd`, the continuation, the forced end. */
  thinking: thinkingOptionsSchema.optional(),
};

/** What every controller takes besides its backend and its control of thinking. */
export const generationShape = {
  /** @default 's1' */
  format: z
    .custom<ReasoningFormatName | ReasoningFormat>(
      (value) =>
        typeof value === 'string'
          ? Object.hasOwn(reasoningFormats, value)
          : typeof value === 'object' && value !== null,
      `must be ${Object.keys(reasoningFormats)
        .map((name) => `"${name}"`)
        .join(', ')} or a format from defineReasoningFormat of @s1/chat-template`,
    )
    .optional(),
  /** Renders `messages` requests. @default the `s1` preset of @s1/chat-template */
  template: objectSchema<ChatTemplate>('a chat template from @s1/chat-template').optional(),
  /** The answer's budget and stops. */
  answer: answerOptionsSchema.optional(),
  /** Sampling of every request. @default greedy */
  sampling: samplingSchema.optional(),
  /**
   * The most backend requests one generation may make; past it the run fails with a
   * `RequestLimitError` instead of asking a broken server forever. @default 128, or ignoreEnd + 8
   */
  maxRequests: z.number().int().positive().optional(),
};

/** The backend a controller runs on. */
export const backendShape = {
  /** Any backend of the spec: `createOpenAICompatibleBackend`, an in-process one, your own. */
  backend: backendSchema,
};

const budgetForcingShape = {
  ...backendShape,
  ...thinkingControlShape,
  ...generationShape,
};

export const budgetForcingOptionsSchema = z.strictObject(budgetForcingShape);

/**
 * The options of `createBudgetForcing`.
 *
 * @useDeclaredType
 */
export type BudgetForcingOptions = OptionsOf<typeof budgetForcingShape>;

/** One generation's input: a templated `prompt` or chat `messages`, with per-request changes. */
export type BudgetForcingRequest = (
  | {
      /** Text already templated, ending where the assistant's turn begins. */
      prompt: string;
    }
  | {
      /** A conversation, rendered with the controller's `template`. */
      messages: readonly ChatMessage[];
    }
) & {
  /** Per-request changes to the thinking options (sweeps). */
  thinking?: ThinkingOptions | undefined;
  /** Per-request sampling, merged over the controller's field by field. */
  sampling?: Sampling | undefined;
  /** Aborts the generation: requests are cancelled and sessions closed. */
  signal?: AbortSignal | undefined;
};

// One strict object rather than a union of two, so a misspelt key is named with its suggestion.
export const requestSchema = z
  .strictObject({
    prompt: z.string().optional(),
    messages: z.array(z.unknown()).min(1).optional(),
    thinking: thinkingOptionsSchema.optional(),
    sampling: samplingSchema.optional(),
    signal: z.instanceof(AbortSignal).optional(),
  })
  .refine(
    (request) => (request.prompt === undefined) !== (request.messages === undefined),
    'a request has a prompt (text already templated) or messages: one of the two',
  );

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
