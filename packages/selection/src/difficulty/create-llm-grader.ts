import { type BackendV1, backendSchema } from '@s1/budget-forcing';
import { type ChatTemplate, createChatTemplate } from '@s1/chat-template';
import { validate } from '@s1/errors';
import { z } from 'zod';
import type { CallCache } from '../cache/create-call-cache';
import { generateText } from './generate-text';
import { gradingSystemPrompt, gradingUserPrompt } from './grading-prompt';
import { parseGrade } from './parse-grade';
import type { Grader } from './solver-types';

/** Options of {@link createLlmGrader}. */
export interface LlmGraderOptions {
  /** The model that grades: any backend of @s1/budget-forcing. */
  backend: BackendV1;
  /** @default the Qwen2.5 chat template */
  template?: ChatTemplate | undefined;
  /** @default 8192, as s1 called Claude 3.5 Sonnet */
  maxTokens?: number | undefined;
  /** Further tries after a reply without a verdict; then the grade is null. @default 3 */
  retries?: number | undefined;
  /** @default 1, the API default s1's grading calls ran with */
  temperature?: number | undefined;
  /** The seed of the first try; try `n` uses `seed + n`, so a retry can answer differently. @default 0 */
  seed?: number | undefined;
  /** Replies already generated are read from here instead of generated again. */
  cache?: CallCache<string> | undefined;
}

const optionsSchema = z.strictObject({
  backend: backendSchema,
  // Checked where they are used; listed so that a misspelt key is refused.
  template: z.custom<ChatTemplate>().optional(),
  cache: z.custom<CallCache<string>>().optional(),
  maxTokens: z.number().int().positive().optional(),
  retries: z.number().int().nonnegative().optional(),
  temperature: z.number().nonnegative().optional(),
  seed: z.number().int().optional(),
});

/**
 * A grader that asks a model whether an attempt is correct, as s1 asked Claude 3.5 Sonnet
 * (`data/featurization.py` in github.com/simplescaling/s1). A reply whose last line is not exactly
 * `Yes` or `No` is asked again with the next seed, up to `retries` times, then the grade is null.
 * Without a solution the grade is null and no call is made.
 *
 * @example
 * const grader = createLlmGrader({ backend, cache: createCallCache('.cache/difficulty') });
 * await grader({ question: 'What is 17 x 3?', attempt: 'The answer is 51.', solution: '51' }); // true
 */
export function createLlmGrader(options: LlmGraderOptions): Grader {
  validate(optionsSchema, options, 'LLM grader options');
  const template = options.template ?? createChatTemplate({ preset: 'qwen2.5' });
  const maxTokens = options.maxTokens ?? 8192;
  const tries = 1 + (options.retries ?? 3);
  const temperature = options.temperature ?? 1;
  const firstSeed = options.seed ?? 0;

  return async ({ question, attempt, solution }) => {
    if (solution === null || solution === undefined) return null;
    const prompt = template.render(
      [
        { role: 'system', content: gradingSystemPrompt },
        { role: 'user', content: gradingUserPrompt({ question, attempt, solution }) },
      ],
      { addGenerationPrompt: true },
    );
    for (let index = 0; index < tries; index++) {
      const sampling = { temperature, seed: firstSeed + index };
      const reply = await generateText(
        options.backend,
        { prompt, maxTokens, sampling },
        options.cache,
      );
      const grade = parseGrade(reply);
      if (grade !== undefined) return grade;
    }
    return null;
  };
}
