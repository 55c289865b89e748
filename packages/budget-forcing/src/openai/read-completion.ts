import { createParser } from 'eventsource-parser';
import type { z } from 'zod';
import { APICallError } from '../errors/api-call-error';
import { completionChunkSchema, completionResponseSchema } from './completions-api';

export interface CompletionOutcome {
  text: string;
  tokenIds: number[] | undefined;
  finishReason: string | undefined;
  stopReason: number | string | undefined;
  completionTokens: number | undefined;
}

/** Reads a non-streaming `/v1/completions` body. A body that is not the protocol is retryable. */
export async function readCompletion(response: Response, url: string): Promise<CompletionOutcome> {
  const body = await response.text();
  const parsed = parseJson(body, url, completionResponseSchema);
  const choice = parsed.choices[0] as (typeof parsed.choices)[number];
  return {
    text: choice.text,
    tokenIds: choice.token_ids ?? undefined,
    finishReason: choice.finish_reason ?? undefined,
    stopReason: choice.stop_reason ?? undefined,
    completionTokens: parsed.usage?.completion_tokens,
  };
}

/**
 * Reads a streamed (SSE) `/v1/completions` body, calling `onText` for each piece of text and
 * reading no further until what it returns settles, so a slow reader leaves the rest of the body
 * unread. A stream that ends without `[DONE]` or a finish reason is a failed attempt.
 */
export async function readCompletionStream(
  response: Response,
  url: string,
  onText: (text: string) => unknown,
): Promise<CompletionOutcome> {
  const outcome: CompletionOutcome = {
    text: '',
    tokenIds: undefined,
    finishReason: undefined,
    stopReason: undefined,
    completionTokens: undefined,
  };
  let done = false;
  let failure: APICallError | undefined;
  const texts: string[] = [];
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      try {
        const chunk = parseJson(event.data, url, completionChunkSchema);
        for (const choice of chunk.choices) {
          if (choice.text) {
            outcome.text += choice.text;
            texts.push(choice.text);
          }
          if (choice.token_ids)
            outcome.tokenIds = [...(outcome.tokenIds ?? []), ...choice.token_ids];
          outcome.finishReason = choice.finish_reason ?? outcome.finishReason;
          outcome.stopReason = choice.stop_reason ?? outcome.stopReason;
        }
        if (chunk.usage) outcome.completionTokens = chunk.usage.completion_tokens;
      } catch (error) {
        failure ??= error as APICallError;
      }
    },
  });
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  if (reader === undefined)
    throw new APICallError({ url, isRetryable: true, reason: 'empty streaming response' });
  for (;;) {
    const { value, done: finished } = await reader.read();
    if (finished) break;
    parser.feed(decoder.decode(value, { stream: true }));
    if (failure !== undefined) throw failure;
    for (const text of texts.splice(0)) await onText(text);
  }
  if (!done && outcome.finishReason === undefined) {
    throw new APICallError({
      url,
      isRetryable: true,
      reason: 'the stream ended before the completion finished',
    });
  }
  return outcome;
}

export function parseJson<Schema extends z.ZodType>(
  body: string,
  url: string,
  schema: Schema,
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new APICallError({
      url,
      isRetryable: true,
      responseBody: body.slice(0, 1000),
      reason: `the response is not JSON (${body.slice(0, 80)}…)`,
      cause: error,
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new APICallError({
      url,
      isRetryable: true,
      responseBody: body.slice(0, 1000),
      reason: `the response is not a /v1/completions result: ${result.error.issues[0]?.message ?? 'unexpected shape'}`,
      cause: result.error,
    });
  }
  return result.data;
}
