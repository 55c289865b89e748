import { functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';
import { backendTokenizerFrom, tokenizerSchema } from '../common/backend-tokenizer';
import type { FetchFunction } from '../common/fetch-function';
import {
  type ServerKind,
  serverKinds,
  serverProfiles,
  vllmTextFields,
} from '../common/server-profiles';
import { contextBoundGeneration } from '../context-length/context-bound-generation';
import { GenerationAbortedError, throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type {
  BackendCapabilities,
  BackendTokenizer,
  BackendV1,
  SegmentRequest,
  SegmentResult,
} from '../spec/backend-v1';
import { vllmTokenizeResponseSchema } from './completions-api';
import { discoverContextLength } from './context-length-discovery';
import { parseJson, readCompletion, readCompletionStream } from './read-completion';
import {
  type ReadResponse,
  type RetryEvent,
  type RetryPolicy,
  requestWithRetry,
  retryPolicyShape,
} from './request-with-retry';

// The capabilities a server may lack; it always generates segments and never steps tokens.
export const capabilitiesOverrideSchema = z.strictObject({
  /** The server accepts the prompt as token ids. */
  promptTokenIds: z.boolean().optional(),
  /** The server honours `stop_token_ids`. */
  stopTokenIds: z.boolean().optional(),
  /** The server honours `min_tokens`. */
  minTokens: z.boolean().optional(),
  /** The server returns the generated token ids (vLLM's `return_token_ids`). */
  returnsTokenIds: z.boolean().optional(),
  /** The server streams completions (SSE). */
  streaming: z.boolean().optional(),
  /** The server reproduces a seeded sample. */
  seededSampling: z.boolean().optional(),
});

const openAICompatibleShape = {
  /** The API root, e.g. `http://localhost:8000/v1`. */
  baseURL: z.url({ message: 'baseURL must be an absolute URL such as http://localhost:8000/v1' }),
  /** The model name the server serves. */
  model: z.string().min(1),
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: z.string().optional(),
  /** Extra HTTP headers for every request (they override the authorization header). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Which server this is; decides the fields sent and the capabilities declared. @default 'vllm' */
  server: z.enum(serverKinds).optional(),
  /** Override declared capabilities (e.g. an older vLLM without `return_token_ids`). */
  capabilities: capabilitiesOverrideSchema.optional(),
  /**
   * A local tokenizer (`loadTokenizer` from @s1/chat-template). Without one, text is tokenized by
   * the server's `/tokenize` (vLLM, llama.cpp) and texts cannot be decoded locally.
   */
  tokenizer: tokenizerSchema.optional(),
  /**
   * Tokens the model holds, prompt and generation together. Every request's `max_tokens` is cut
   * to what is left after its prompt, so generation ends at the context as in vLLM's offline
   * engine, where the server would refuse the request.
   * @default asked of the server: `max_model_len` from vLLM's and SGLang's `/v1/models`,
   * `n_ctx` from llama.cpp's `/props`; unknown for Ollama and OpenAI
   */
  contextLength: z.number().int().positive().optional(),
  /** Sent as the server's own thinking cap (vLLM `thinking_token_budget`, llama.cpp `thinking_budget_tokens`). */
  serverThinkingBudget: z.number().int().nonnegative().optional(),
  /**
   * @default { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 8000, timeoutMs: 120000,
   * maxResponseBytes: 64 MiB }
   */
  retry: z.strictObject(retryPolicyShape).partial().optional(),
  /** Told of each failed attempt that will be retried (to say so on a console, say). */
  onRetry: functionSchema<(event: RetryEvent) => void>().optional(),
  /** Custom fetch (proxies, tests). @default globalThis.fetch */
  fetch: functionSchema<FetchFunction>().optional(),
};

const optionsSchema = z.strictObject(openAICompatibleShape);

/**
 * Options of {@link createOpenAICompatibleBackend}.
 *
 * @useDeclaredType
 */
export type OpenAICompatibleBackendOptions = OptionsOf<typeof openAICompatibleShape>;

const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  timeoutMs: 120_000,
  maxResponseBytes: 64 * 2 ** 20,
};

/**
 * A segment-generation backend over an OpenAI-compatible `/v1/completions` endpoint (vLLM,
 * SGLang, llama.cpp server, Ollama's OpenAI endpoint).
 *
 * @example
 * const backend = createOpenAICompatibleBackend({
 *   baseURL: 'http://localhost:8000/v1',
 *   model: 'simplescaling/s1.1-32B',
 *   tokenizer: await loadTokenizer('./s1.1-32B'),
 * });
 */
export function createOpenAICompatibleBackend(options: OpenAICompatibleBackendOptions): BackendV1 {
  validate(optionsSchema, options, 'OpenAI-compatible backend options');
  const serverKind = options.server ?? 'vllm';
  const profile = serverProfiles[serverKind];
  const capabilities: BackendCapabilities = {
    ...profile.capabilities,
    ...options.capabilities,
    segments: true,
    stepping: false,
  };
  const baseURL = options.baseURL.replace(/\/+$/, '');
  const serverRoot = baseURL.replace(/\/v1$/, '');
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const headers: Record<string, string> = {
    ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
    ...options.headers,
  };
  const post = <Result>(
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
    read: ReadResponse<Result>,
  ) =>
    requestWithRetry({
      url,
      body,
      headers,
      fetch: fetchFunction,
      policy,
      signal,
      read,
      onRetry: options.onRetry,
    });
  const provider = `openai-compatible:${serverKind}`;
  const discoveredContext = sharedLookup(async (signal) => {
    if (options.contextLength !== undefined) return options.contextLength;
    if (profile.contextLength === undefined) return undefined;
    return discoverContextLength({
      source: profile.contextLength,
      baseURL,
      serverRoot,
      model: options.model,
      provider,
      get: (url, parse) =>
        requestWithRetry({
          url,
          headers,
          fetch: fetchFunction,
          policy,
          signal,
          read: async (response) => parse(await response.text()),
          onRetry: options.onRetry,
        }),
    });
  });

  const tokenizer: BackendTokenizer =
    options.tokenizer !== undefined
      ? backendTokenizerFrom(options.tokenizer)
      : {
          eosTokenIds: [],
          encode: async (text) => {
            const endpoint = profile.tokenize;
            if (endpoint === undefined) {
              throw new BackendError({
                provider,
                message: `${serverKind} has no tokenize endpoint; pass a local tokenizer (loadTokenizer from @s1/chat-template)`,
              });
            }
            const url = serverRoot + endpoint.path;
            const body =
              endpoint.shape === 'vllm'
                ? { model: options.model, prompt: text, add_special_tokens: false }
                : { content: text, add_special: false, parse_special: true };
            return post(
              url,
              body,
              undefined,
              async (response) =>
                parseJson(await response.text(), url, vllmTokenizeResponseSchema).tokens,
            );
          },
        };

  const completionsURL = `${baseURL}/completions`;
  const generateUnbounded = async (request: SegmentRequest): Promise<SegmentResult> => {
    const streaming = request.onDelta !== undefined && capabilities.streaming;
    const body = completionBody(options, profile, capabilities, request, streaming);
    let emitted = 0;
    const outcome = await post(
      completionsURL,
      body,
      request.signal,
      async (response, excluding) => {
        if (!streaming) return readCompletion(response, completionsURL);
        // A retried stream replays text already delivered; pass on only what is new.
        let received = 0;
        return readCompletionStream(response, completionsURL, async (text) => {
          // Text read after the signal fired is not handed on: the request is being aborted.
          throwIfAborted(request.signal);
          const fresh = text.slice(Math.max(0, emitted - received));
          received += text.length;
          if (fresh !== '') {
            emitted += fresh.length;
            // A reader holding generation back is not a slow server: no timeout while it reads.
            await excluding(request.onDelta?.({ text: fresh }));
          }
        });
      },
    );
    const tokenIds = capabilities.returnsTokenIds ? outcome.tokenIds : undefined;
    const completionTokens =
      outcome.completionTokens ?? tokenIds?.length ?? (await tokenizer.encode(outcome.text)).length;
    return {
      text: outcome.text,
      tokenIds,
      completionTokens,
      completionTokensEstimated: outcome.completionTokens === undefined,
      finishReason: outcome.finishReason === 'length' ? 'length' : 'stop',
      stopReason: outcome.stopReason,
    };
  };

  const bounded = contextBoundGeneration({
    generate: generateUnbounded,
    countPromptTokens: async (prompt) =>
      'tokenIds' in prompt ? prompt.tokenIds.length : (await tokenizer.encode(prompt.text)).length,
    lookup: (signal) => discoveredContext({ signal }),
  });

  return {
    specificationVersion: 'v1',
    provider,
    modelId: options.model,
    capabilities,
    tokenizer,
    generate: bounded.generate,
    contextLength: bounded.contextLength,
  };
}

function completionBody(
  options: OpenAICompatibleBackendOptions,
  profile: (typeof serverProfiles)[ServerKind],
  capabilities: BackendCapabilities,
  request: SegmentRequest,
  stream: boolean,
): Record<string, unknown> {
  const prompt = 'tokenIds' in request.prompt ? [...request.prompt.tokenIds] : request.prompt.text;
  const stopStrings = request.stop?.strings ?? [];
  const stopTokenIds = request.stop?.tokenIds ?? [];
  const body: Record<string, unknown> = {
    model: options.model,
    prompt,
    max_tokens: request.maxTokens,
    temperature: request.sampling?.temperature ?? 0,
    ...(request.sampling?.topP === undefined ? {} : { top_p: request.sampling.topP }),
    ...(request.sampling?.seed === undefined ? {} : { seed: request.sampling.seed }),
    ...(stopStrings.length > 0 ? { stop: [...stopStrings] } : {}),
    ...(stopTokenIds.length > 0 && capabilities.stopTokenIds
      ? { stop_token_ids: [...stopTokenIds] }
      : {}),
    ...(request.minTokens && capabilities.minTokens ? { min_tokens: request.minTokens } : {}),
    ...(profile.vllmExtras ? vllmTextFields : {}),
    ...(profile.requestTokenIds && capabilities.returnsTokenIds ? { return_token_ids: true } : {}),
    ...(options.serverThinkingBudget !== undefined && profile.thinkingBudgetField !== undefined
      ? { [profile.thinkingBudgetField]: options.serverThinkingBudget }
      : {}),
  };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

/**
 * A lookup run once and shared by concurrent callers. A failure is not kept, so the next call
 * tries again; a caller whose own signal did not fire retries a lookup another caller aborted.
 */
function sharedLookup<Value>(
  run: (signal: AbortSignal | undefined) => Promise<Value>,
): (options?: { signal?: AbortSignal | undefined }) => Promise<Value> {
  let pending: Promise<Value> | undefined;
  const lookup = async (signal: AbortSignal | undefined): Promise<Value> => {
    pending ??= run(signal).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    try {
      return await pending;
    } catch (error) {
      if (GenerationAbortedError.isInstance(error) && signal?.aborted !== true) {
        return lookup(signal);
      }
      throw error;
    }
  };
  return (options) => lookup(options?.signal);
}
