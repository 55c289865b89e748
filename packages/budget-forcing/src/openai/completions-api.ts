import { z } from 'zod';

// Lenient: only the fields we read, so server additions never break parsing.
const choiceSchema = z.looseObject({
  text: z.string(),
  finish_reason: z.string().nullish(),
  stop_reason: z.union([z.number(), z.string()]).nullish(),
  token_ids: z.array(z.number().int()).nullish(),
});

export const completionResponseSchema = z.looseObject({
  choices: z.array(choiceSchema).min(1),
  usage: z.looseObject({ completion_tokens: z.number().int().nonnegative() }).nullish(),
});

export const completionChunkSchema = z.looseObject({
  choices: z.array(choiceSchema.partial({ text: true })).default([]),
  usage: z.looseObject({ completion_tokens: z.number().int().nonnegative() }).nullish(),
});

export const vllmTokenizeResponseSchema = z.looseObject({ tokens: z.array(z.number().int()) });

export type CompletionResponse = z.infer<typeof completionResponseSchema>;
export type CompletionChunk = z.infer<typeof completionChunkSchema>;
