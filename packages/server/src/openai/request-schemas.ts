import { z } from 'zod';

// Lenient, as OpenAI-compatible servers are: clients send fields this server does not use
// (`user`, `frequency_penalty`, `logprobs`…), and those are ignored. The fields it does use are
// checked, and a bad one is named in the 400.

const count = z.number().int().nonnegative();
const stopString = z.string().min(1, 'a stop string must not be empty');
const stopSchema = z
  .union([stopString, z.array(stopString).max(16, 'at most 16 stop strings')], {
    error: 'stop is a string or a list of at most 16 non-empty strings',
  })
  .nullish();

/** The thinking controls a request may carry, in the names clients already send. */
export const thinkingControlsShape = {
  /** vLLM's hard cap on thinking tokens. */
  thinking_token_budget: count.nullish(),
  /** OpenAI's effort, mapped to thinking budgets (vLLM's defaults: 1024, 2048, 8192). */
  reasoning_effort: z.enum(['low', 'medium', 'high']).nullish(),
  /** Anthropic-style: `{ type: 'enabled', budget_tokens }`, or `{ type: 'disabled' }`. */
  thinking: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('enabled'), budget_tokens: count }),
      z.looseObject({ type: z.literal('disabled') }),
    ])
    .nullish(),
  /** s1: fewest thinking tokens; an earlier end is suppressed and a continuation appended. */
  min_thinking_tokens: count.nullish(),
  /** s1: how many ends of thinking to suppress, whatever the count. */
  num_ignore: count.max(64).nullish(),
  /** s1: what is appended after a suppressed end ("Wait"), or a list used in turn. */
  continuation: z.union([z.string(), z.array(z.string()).min(1).max(64)]).nullish(),
  /** s1: what follows the end of thinking when the budget forced it ("Final Answer:"). */
  final_answer_prefix: z.string().nullish(),
};

const generationShape = {
  model: z.string({ error: 'model must be a string naming the served model' }),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  /** The answer's limit in tokens (thinking is limited by the thinking budget). */
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  stop: stopSchema,
  n: z.literal(1, { error: 'n must be 1: one choice per request' }).nullish(),
  ...thinkingControlsShape,
};

// A text-only server: a part it cannot show the model (an image, audio) is refused, not dropped.
const contentPart = z.looseObject({
  type: z.literal('text', {
    error: (issue) =>
      `"${String(issue.input)}" parts are not supported: only text parts ({ type: "text", text })`,
  }),
  text: z.string(),
});
const chatMessage = z.looseObject({
  role: z.string({ error: 'role must be a string' }),
  content: z
    .union([z.string(), z.array(contentPart), z.null()], {
      error: 'content must be a string, a list of text parts ({ type: "text", text }), or null',
    })
    .optional(),
});

export const chatCompletionRequestSchema = z.looseObject({
  ...generationShape,
  messages: z.array(chatMessage).min(1, 'messages must hold at least one message'),
});

export const completionRequestSchema = z.looseObject({
  ...generationShape,
  prompt: z.string({ error: 'prompt must be one string (lists of prompts are not supported)' }),
});

export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;
export type CompletionRequest = z.output<typeof completionRequestSchema>;
export type GenerationRequest = ChatCompletionRequest | CompletionRequest;
