import { type BackendV1, backendSchema } from '@s1/budget-forcing';
import { type ChatTemplate, createChatTemplate } from '@s1/chat-template';
import { validate } from '@s1/errors';
import { z } from 'zod';
import type { CallCache } from '../cache/create-call-cache';
import { generateText } from './generate-text';
import { solverPrompt } from './solver-prompt';
import type { Solver } from './solver-types';

/** Options of {@link createBackendSolver}. */
export interface BackendSolverOptions {
  /** The model that attempts the questions: any backend of @s1/budget-forcing. */
  backend: BackendV1;
  /** @default the Qwen2.5 chat template */
  template?: ChatTemplate | undefined;
  /** @default 0.05, as s1 sampled Qwen2.5-7B/32B-Instruct */
  temperature?: number | undefined;
  /** @default 32768 */
  maxTokens?: number | undefined;
  /** Seed of every attempt's sampling. @default none */
  seed?: number | undefined;
  /** Attempts already generated are read from here instead of generated again. */
  cache?: CallCache<string> | undefined;
}

const optionsSchema = z.strictObject({
  backend: backendSchema,
  // Checked where they are used; listed so that a misspelt key is refused.
  template: z.custom<ChatTemplate>().optional(),
  cache: z.custom<CallCache<string>>().optional(),
  temperature: z.number().nonnegative().optional(),
  maxTokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
});

/**
 * A solver that attempts each question with a model, as s1 did with Qwen2.5-7B and 32B-Instruct
 * (`data/bulk_inference.py` in github.com/simplescaling/s1): the s1 solving prompt, temperature
 * 0.05, up to 32768 new tokens.
 *
 * @example
 * const qwen7b = createBackendSolver({
 *   backend: createOpenAICompatibleBackend({ baseURL, model: 'Qwen/Qwen2.5-7B-Instruct', tokenizer }),
 *   cache: createCallCache('.cache/difficulty'),
 * });
 * const attempt = await qwen7b('What is 17 x 3?');
 */
export function createBackendSolver(options: BackendSolverOptions): Solver {
  validate(optionsSchema, options, 'backend solver options');
  const template = options.template ?? createChatTemplate({ preset: 'qwen2.5' });
  const sampling = { temperature: options.temperature ?? 0.05, seed: options.seed };
  const maxTokens = options.maxTokens ?? 32768;
  return (question) =>
    generateText(
      options.backend,
      { prompt: solverPrompt(question, template), maxTokens, sampling },
      options.cache,
    );
}
