import { backendSchema, thinkingOptionsSchema } from '@s1/budget-forcing';
import type { ChatTemplate, ReasoningFormat } from '@s1/chat-template';
import { functionSchema, type OptionsOf, objectSchema } from '@s1/errors';
import { z } from 'zod';

const budget = z.number().int().nonnegative();

const serverShape = {
  /** Where the model runs: any backend of `@s1/budget-forcing` (an upstream server, in-process). */
  backend: backendSchema,
  /** The name clients ask for, listed by `/v1/models`. @default the backend's model id */
  model: z.string().min(1).optional(),
  /** Renders chat messages. @default the `s1` preset of @s1/chat-template */
  template: objectSchema<ChatTemplate>('a chat template from @s1/chat-template').optional(),
  /** How the model delimits thinking. @default 's1' */
  format: z.union([z.string(), objectSchema<ReasoningFormat>('a reasoning format')]).optional(),
  /** The controller's fidelity mode. @default 'exact' */
  mode: z.enum(['exact', 'harness', 'readme']).optional(),
  /** Server-wide thinking defaults; a request's own controls override them. */
  thinking: thinkingOptionsSchema.optional(),
  /** The budgets of `reasoning_effort`. @default vLLM's: 1024, 2048, 8192 */
  effortBudgets: z
    .strictObject({
      /** Thinking tokens for `reasoning_effort: "low"`. */
      low: budget,
      /** Thinking tokens for `reasoning_effort: "medium"`. */
      medium: budget,
      /** Thinking tokens for `reasoning_effort: "high"`. */
      high: budget,
    })
    .optional(),
  /** The answer's limit when a request sets no `max_tokens`. @default 32768 */
  answerMaxTokens: z.number().int().positive().optional(),
  /** Generations at once; an in-process model runs one. @default 16 */
  maxConcurrentRequests: z.number().int().positive().optional(),
  /** Requests waiting for a slot before new ones get a 503. @default 256 */
  maxQueuedRequests: z.number().int().nonnegative().optional(),
  /** The largest request body, in bytes. @default 4 MiB */
  maxBodyBytes: z.number().int().positive().optional(),
  /** Requires `Authorization: Bearer <apiKey>` on `/v1/*`. */
  apiKey: z.string().min(1).optional(),
  /** Called with one line per request: method, path, status, thinking tokens, time. */
  log: functionSchema<(line: string) => void>().optional(),
};

export const serverOptionsSchema = z.strictObject(serverShape);

/**
 * The options of `createBudgetForcingServer`.
 *
 * @useDeclaredType
 */
export type BudgetForcingServerOptions = OptionsOf<typeof serverShape>;
