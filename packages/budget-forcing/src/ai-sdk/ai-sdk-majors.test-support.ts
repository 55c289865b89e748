import { createOpenAICompatible as createProviderV1 } from 'ai-sdk-openai-compatible-v1';
import { createOpenAICompatible as createProviderV2 } from 'ai-sdk-openai-compatible-v2';
import * as ai5 from 'ai-v5';
import * as ai6 from 'ai-v6';
import {
  type BudgetForcingMiddleware,
  type BudgetForcingMiddlewareOptions,
  budgetForcingMiddleware,
} from './budget-forcing-middleware';
import type { LanguageModel } from './language-model';
import { type RawCompletionFetchOptions, rawCompletionFetch } from './raw-completion-fetch';

// The AI SDK logs warnings to the console by default.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** One call's outcome, in the same terms for every major of `ai`. */
export interface CallOutcome {
  reasoning: string | undefined;
  text: string;
  finishReason: string;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  reasoningTokens: number | undefined;
  s1: Record<string, unknown>;
  warnings: unknown[];
  /** Stream part types in order (streaming only). */
  partTypes: string[];
}

type TestOption = string | number | boolean | { [key: string]: TestOption } | TestOption[];

export interface CallRequest {
  prompt?: string | undefined;
  messages?:
    | Array<
        | { role: 'system' | 'user'; content: string }
        | { role: 'assistant'; content: Array<{ type: 'text' | 'reasoning'; text: string }> }
      >
    | undefined;
  maxOutputTokens?: number | undefined;
  abortSignal?: AbortSignal | undefined;
  providerOptions?: Record<string, Record<string, TestOption>> | undefined;
}

export interface ProviderSetup {
  baseURL: string;
  /** `false` leaves `rawCompletionFetch` out. */
  raw?: RawCompletionFetchOptions | false | undefined;
}

/** One major of `ai` with the major of @ai-sdk/openai-compatible built for it. */
export interface AIMajor {
  name: string;
  completionModel(setup: ProviderSetup): LanguageModel;
  generate(
    setup: ProviderSetup,
    options: BudgetForcingMiddlewareOptions,
    request: CallRequest,
  ): Promise<CallOutcome>;
  stream(
    setup: ProviderSetup,
    options: BudgetForcingMiddlewareOptions,
    request: CallRequest,
  ): Promise<CallOutcome>;
}

const providerSettings = ({ baseURL, raw }: ProviderSetup) => ({
  name: 'loopback',
  baseURL,
  ...(raw === false ? {} : { fetch: rawCompletionFetch(raw) }),
});

const callArguments = (request: CallRequest) => ({
  ...(request.messages === undefined
    ? { prompt: request.prompt ?? '' }
    : { messages: request.messages }),
  maxOutputTokens: request.maxOutputTokens,
  abortSignal: request.abortSignal,
  providerOptions: request.providerOptions,
  maxRetries: 0,
});

interface GeneratedText<Usage> {
  reasoningText: string | undefined;
  text: string;
  finishReason: string;
  usage: Usage & { inputTokens: number | undefined; outputTokens: number | undefined };
  providerMetadata: Record<string, Record<string, unknown>> | undefined;
  warnings: unknown[] | undefined;
}

type Awaitable<Result> = { [Key in keyof Result]: PromiseLike<Result[Key]> };

/** What differs between the majors; each binding is typed by its own major's `ai`. */
interface MajorBindings<Model, Usage> {
  name: string;
  createModel: (setup: ProviderSetup) => Model;
  wrap: (model: Model, middleware: BudgetForcingMiddleware) => Model;
  generateText: (
    options: { model: Model } & ReturnType<typeof callArguments>,
  ) => PromiseLike<GeneratedText<Usage>>;
  streamText: (
    options: { model: Model; onError: (event: { error: unknown }) => void } & ReturnType<
      typeof callArguments
    >,
  ) => Awaitable<GeneratedText<Usage>> & { fullStream: AsyncIterable<{ type: string }> };
  reasoningTokens: (usage: Usage) => number | undefined;
}

function defineMajor<Model, Usage>(bindings: MajorBindings<Model, Usage>): AIMajor {
  const outcome = (result: GeneratedText<Usage>, partTypes: string[]): CallOutcome => ({
    reasoning: result.reasoningText,
    text: result.text,
    finishReason: result.finishReason,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    reasoningTokens: bindings.reasoningTokens(result.usage),
    s1: result.providerMetadata?.s1 ?? {},
    warnings: result.warnings ?? [],
    partTypes,
  });
  const wrapped = (setup: ProviderSetup, options: BudgetForcingMiddlewareOptions) =>
    bindings.wrap(bindings.createModel(setup), budgetForcingMiddleware(options));
  return {
    name: bindings.name,
    completionModel: (setup) => bindings.createModel(setup) as unknown as LanguageModel,
    generate: async (setup, options, request) =>
      outcome(
        await bindings.generateText({ model: wrapped(setup, options), ...callArguments(request) }),
        [],
      ),
    async stream(setup, options, request) {
      let streamError: unknown;
      const result = bindings.streamText({
        model: wrapped(setup, options),
        ...callArguments(request),
        onError: ({ error }) => {
          streamError = error;
        },
      });
      const partTypes: string[] = [];
      for await (const part of result.fullStream) partTypes.push(part.type);
      if (streamError !== undefined) throw streamError;
      const settled = Object.fromEntries(
        await Promise.all(
          (
            [
              'reasoningText',
              'text',
              'finishReason',
              'usage',
              'providerMetadata',
              'warnings',
            ] as const
          ).map(async (key) => [key, await result[key]] as const),
        ),
      ) as unknown as GeneratedText<Usage>;
      return outcome(settled, partTypes);
    },
  };
}

export const aiMajors: readonly AIMajor[] = [
  defineMajor({
    name: 'ai 5 with @ai-sdk/openai-compatible 1 (LanguageModelV2)',
    createModel: (setup) => createProviderV1(providerSettings(setup)).completionModel('s1'),
    wrap: (model, middleware) => ai5.wrapLanguageModel({ model, middleware }),
    generateText: (options) => ai5.generateText(options),
    streamText: (options) => ai5.streamText(options),
    reasoningTokens: (usage) => usage.reasoningTokens,
  }),
  defineMajor({
    name: 'ai 6 with @ai-sdk/openai-compatible 2 (LanguageModelV3)',
    createModel: (setup) => createProviderV2(providerSettings(setup)).completionModel('s1'),
    wrap: (model, middleware) => ai6.wrapLanguageModel({ model, middleware }),
    generateText: (options) => ai6.generateText(options),
    streamText: (options) => ai6.streamText(options),
    reasoningTokens: (usage) => usage.outputTokenDetails.reasoningTokens,
  }),
];
