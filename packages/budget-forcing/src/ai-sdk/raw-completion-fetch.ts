import { functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';
import type { FetchFunction } from '../common/fetch-function';
import { serverKinds, serverProfiles, vllmTextFields } from '../common/server-profiles';
import { BackendError } from '../errors/backend-error';

/** Request header that marks a prompt to be sent as is; never reaches the server. */
export const rawPromptHeader = 'x-s1-raw-prompt';
/** Response header that tells the budget-forcing backend the prompt went out as is. */
export const rawPromptAppliedHeader = 'x-s1-raw-prompt-applied';

// How the AI SDK's OpenAI-compatible completion models wrap a single user message.
const userPrefix = 'user:\n';
const assistantSuffix = '\n\nassistant:\n';
const userStop = '\nuser:';

const completionBodySchema = z.looseObject({
  prompt: z.string(),
  stop: z.array(z.string()).optional(),
});

const rawCompletionFetchShape = {
  /** The fetch to send requests with. @default globalThis.fetch */
  fetch: functionSchema<FetchFunction>().optional(),
  /**
   * The server behind the endpoint. `vllm` and `sglang` add the fields that keep special tokens
   * in the returned text, so the s1 delimiters can be stop strings.
   */
  server: z.enum(serverKinds).optional(),
  /** More fields for raw requests (e.g. `{ skip_special_tokens: false }` for another server). */
  body: z.record(z.string(), z.unknown()).optional(),
};

const optionsSchema = z.strictObject(rawCompletionFetchShape);

/**
 * Options of {@link rawCompletionFetch}.
 *
 * @useDeclaredType
 */
export type RawCompletionFetchOptions = OptionsOf<typeof rawCompletionFetchShape>;

/**
 * A `fetch` for the AI SDK's OpenAI-compatible completion providers (`createOpenAICompatible`,
 * `@ai-sdk/openai-compatible` 1.x and 2.x) that sends the prompts the budget-forcing middleware
 * marks as raw continuations: it unwraps the `user:` / `assistant:` framing and the `\nuser:`
 * stop the provider adds. Other requests pass through unchanged.
 *
 * @example
 * const provider = createOpenAICompatible({
 *   name: 'vllm',
 *   baseURL: 'http://localhost:8000/v1',
 *   fetch: rawCompletionFetch({ server: 'vllm' }),
 * });
 */
export function rawCompletionFetch(options: RawCompletionFetchOptions = {}): FetchFunction {
  validate(optionsSchema, options, 'rawCompletionFetch options');
  const send = options.fetch ?? globalThis.fetch;
  const extraFields = {
    ...(options.server !== undefined && serverProfiles[options.server].vllmExtras
      ? vllmTextFields
      : {}),
    ...options.body,
  };
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has(rawPromptHeader)) return send(input, init);
    headers.delete(rawPromptHeader);
    headers.delete('content-length');
    const body = unwrapRawPrompt(init?.body, String(input));
    const response = await send(input, {
      ...init,
      headers,
      body: JSON.stringify({ ...body, ...extraFields }),
    });
    const marked = new Headers(response.headers);
    marked.set(rawPromptAppliedHeader, 'true');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: marked,
    });
  };
}

function unwrapRawPrompt(body: unknown, url: string): Record<string, unknown> {
  const fail = (message: string) =>
    new BackendError({
      provider: 'ai-sdk',
      message: `cannot send the raw prompt to ${url}: ${message}; rawCompletionFetch supports the completion models of @ai-sdk/openai-compatible 1.x and 2.x`,
    });
  if (typeof body !== 'string') throw fail('the request body is not JSON text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw fail(`the request body is not JSON (${String(error)})`);
  }
  const request = validate(completionBodySchema, parsed, `completion request to ${url}`);
  const { prompt } = request;
  if (!prompt.startsWith(userPrefix) || !prompt.endsWith(assistantSuffix)) {
    throw fail('the provider did not frame the prompt as "user:\\n…\\n\\nassistant:\\n"');
  }
  const stops = [...(request.stop ?? [])];
  const framingStop = stops.indexOf(userStop);
  if (framingStop !== -1) stops.splice(framingStop, 1);
  const { stop: _stop, ...rest } = request;
  return {
    ...rest,
    prompt: prompt.slice(userPrefix.length, prompt.length - assistantSuffix.length),
    ...(stops.length > 0 ? { stop: stops } : {}),
  };
}
