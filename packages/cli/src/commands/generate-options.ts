import { z } from 'zod';
import { type BackendFlags, backendFlags, checkBackendFlags } from '../backend-options';
import { decimal, wholeNumber } from '../flags';
import { checkThinkingBounds, thinkingFlags } from './thinking-flags';

/** The flags of `s1 generate`, as commander hands them over (strings), checked and converted. */
export const generateOptionsSchema = z
  .strictObject({
    ...backendFlags,
    raw: z.boolean().optional(),
    maxTokens: wholeNumber('--max-tokens', { min: 1 }).optional(),
    prompt: z.string().optional(),
    system: z.string().optional(),
    chatTemplate: z.string().optional(),
    format: z.enum(['s1', 'think-tags']).default('s1'),
    maxThinking: z
      .union([z.literal('auto'), wholeNumber('--max-thinking')], {
        error: (issue) =>
          `--max-thinking must be a whole number or "auto", not "${String(issue.input)}"`,
      })
      .optional(),
    ...thinkingFlags,
    forcedEndText: z.string().optional(),
    wordBoundary: z.boolean().optional(),
    maxAnswer: wholeNumber('--max-answer', { min: 1 }).optional(),
    mode: z.enum(['exact', 'harness', 'readme']).default('exact'),
    temperature: decimal('--temperature', { atLeast: 0 }).optional(),
    topP: decimal('--top-p', { above: 0, atMost: 1 }).optional(),
    seed: wholeNumber('--seed').optional(),
    stream: z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .superRefine((options, context) => {
    checkBackendFlags(options as BackendFlags, context);
    checkThinkingBounds(options, context);
  });

export type GenerateOptions = z.output<typeof generateOptionsSchema>;
