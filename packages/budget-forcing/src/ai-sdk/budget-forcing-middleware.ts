import { resolveReasoningFormat } from '@s1/chat-template';
import type { OptionsOf } from '@s1/errors';
import { validate } from '@s1/errors';
import { z } from 'zod';
import { tokenizerSchema } from '../common/backend-tokenizer';
import { createBudgetForcing } from '../controller/create-budget-forcing';
import {
  type BudgetForcingOptions,
  type BudgetForcingRequest,
  generationShape,
  thinkingControlShape,
  thinkingOptionsSchema,
} from '../controller/options';
import type { BudgetForcingResult } from '../controller/result';
import { messagesTemplate } from '../controller/run-context';
import { GenerationAbortedError } from '../errors/abort-error';
import { createAiSdkBackend, type ModelCallReport } from './create-ai-sdk-backend';
import type { CallOptions, LanguageModel, ModelWarning, ProviderMetadata } from './language-model';
import type {
  GenerateResultV2,
  GenerateResultV3,
  StreamResultV2,
  StreamResultV3,
  WrapOptionsV2,
  WrapOptionsV3,
} from './middleware-types';
import { promptToMessages } from './prompt-messages';
import { type CallUsage, type CallWarning, specificationShape } from './specification-shapes';
import { createContentPartMapper } from './stream-parts';

const middlewareShape = {
  /** The model's tokenizer (`loadTokenizer` from @s1/chat-template): delimiters and counts. */
  tokenizer: tokenizerSchema,
  /** Renders the AI SDK prompt. @default the `s1` preset of @s1/chat-template */
  template: generationShape.template,
  /** Whether the server reproduces a seeded sample. @default false */
  seededSampling: z.boolean().optional(),
  /**
   * Tokens the model holds, prompt and generation together (vLLM's `max_model_len`). @default
   * learned from the first refusal that names it, then kept for later calls
   */
  contextLength: z.number().int().positive().optional(),
};

export const middlewareOptionsSchema = z.strictObject({
  ...thinkingControlShape,
  ...generationShape,
  ...middlewareShape,
});

// Named through the controller's options type, so declaration files keep its TSDoc.
/**
 * The controller's options but its backend (the wrapped model is), and the model's tokenizer.
 *
 * @useDeclaredType
 */
export type BudgetForcingMiddlewareOptions = Omit<BudgetForcingOptions, 'backend' | 'template'> &
  OptionsOf<typeof middlewareShape>;

const providerOptionsShape = {
  /** Changes to the thinking options for this call. */
  thinking: thinkingOptionsSchema.optional(),
};

const providerOptionsSchema = z.strictObject(providerOptionsShape);

/**
 * Per-call options, under `providerOptions.s1` of `generateText` / `streamText`.
 *
 * @useDeclaredType
 */
export type BudgetForcingProviderOptions = OptionsOf<typeof providerOptionsShape>;

interface MiddlewareV2 {
  readonly middlewareVersion: 'v2';
  wrapGenerate(options: WrapOptionsV2): Promise<GenerateResultV2>;
  wrapStream(options: WrapOptionsV2): Promise<StreamResultV2>;
}

interface MiddlewareV3 {
  readonly specificationVersion: 'v3';
  wrapGenerate(options: WrapOptionsV3): Promise<GenerateResultV3>;
  wrapStream(options: WrapOptionsV3): Promise<StreamResultV3>;
}

/**
 * The middleware: a `LanguageModelV2Middleware` for ai 5 and a `LanguageModelV3Middleware` for
 * ai 6 at once; each call answers in the specification of the model it wraps.
 */
export type BudgetForcingMiddleware = MiddlewareV2 & MiddlewareV3;

/**
 * An AI SDK middleware (`wrapLanguageModel`, ai 5 and 6) that runs s1 budget forcing on a model
 * that continues raw prompts, such as an OpenAI-compatible completion model whose provider sends
 * requests through `rawCompletionFetch()`. Thinking comes back as reasoning parts, the answer as
 * text; per-call thinking options go under `providerOptions.s1`.
 *
 * @example
 * const model = wrapLanguageModel({
 *   model: createOpenAICompatible({ name: 'vllm', baseURL, fetch: rawCompletionFetch({ server: 'vllm' }) })
 *     .completionModel('simplescaling/s1.1-32B'),
 *   middleware: budgetForcingMiddleware({ tokenizer, thinking: { max: 4000, ignoreEnd: 1 } }),
 * });
 * const { reasoningText, text } = await generateText({ model, prompt: 'How many r in raspberry?' });
 */
export function budgetForcingMiddleware(
  options: BudgetForcingMiddlewareOptions,
): BudgetForcingMiddleware {
  validate(middlewareOptionsSchema, options, 'budget forcing middleware options');
  // The middleware's own options; the rest are the controller's.
  const {
    tokenizer,
    seededSampling,
    contextLength: configuredContext,
    ...controllerOptions
  } = options;
  const template = messagesTemplate(options.template);
  const format = resolveReasoningFormat(options.format ?? 's1');
  const mode = options.mode ?? 'exact';

  // What the server's refusals taught about its context, kept across calls.
  let contextLength = configuredContext;
  const prepare = (model: LanguageModel, params: CallOptions) => {
    const { s1, ...forwardedProviderOptions } = params.providerOptions ?? {};
    const perCall = validate(providerOptionsSchema, s1 ?? {}, 'providerOptions.s1');
    const { messages, turnsWithoutReasoning } = promptToMessages(params.prompt);
    const reports: ModelCallReport[] = [];
    const backend = createAiSdkBackend({
      model,
      tokenizer,
      seededSampling,
      callOptions: {
        topK: params.topK,
        presencePenalty: params.presencePenalty,
        frequencyPenalty: params.frequencyPenalty,
        headers: params.headers,
        providerOptions: forwardedProviderOptions,
      },
      onCall: (report) => reports.push(report),
      contextLength,
    });
    const learnContext = async () => {
      contextLength = await backend.contextLength?.();
    };
    const controller = createBudgetForcing({
      ...controllerOptions,
      backend,
      template: template(),
      answer: {
        ...options.answer,
        ...(params.maxOutputTokens === undefined ? {} : { maxTokens: params.maxOutputTokens }),
        ...(params.stopSequences === undefined ? {} : { stop: params.stopSequences }),
      },
    });
    const request: BudgetForcingRequest = {
      messages,
      thinking: perCall.thinking,
      sampling: definedOnly({
        temperature: params.temperature,
        topP: params.topP,
        seed: params.seed,
      }),
      signal: params.abortSignal,
    };
    const shape = specificationShape(model);
    const warningsOf = (result: BudgetForcingResult | undefined): ModelWarning[] => {
      const own = [
        ...ignoredSettings(params, turnsWithoutReasoning),
        ...(result?.warnings ?? []),
      ].map(shape.warning);
      const fromModel = reports.flatMap((report) => report.warnings);
      return uniqueWarnings([...own, ...fromModel]);
    };
    const finish = (result: BudgetForcingResult) => ({
      finishReason: shape.finishReason(result.finishReason),
      usage: shape.usage(usageOf(result, reports)),
      providerMetadata: { s1: metadataOf(result) } satisfies ProviderMetadata,
    });
    return { controller, request, warningsOf, finish, learnContext };
  };

  const run = async <Result>(params: CallOptions, body: () => Promise<Result>) => {
    try {
      return await body();
    } catch (error) {
      // AI SDK callers expect the signal's own reason, as providers reject with it.
      if (GenerationAbortedError.isInstance(error) && params.abortSignal?.aborted) {
        throw params.abortSignal.reason;
      }
      throw error;
    }
  };

  const wrapGenerate = ({ model, params }: { model: LanguageModel; params: CallOptions }) =>
    run(params, async () => {
      const { controller, request, warningsOf, finish, learnContext } = prepare(model, params);
      const result = await controller.generate(request);
      await learnContext();
      return {
        content: [
          ...(result.thinking === ''
            ? []
            : [{ type: 'reasoning' as const, text: result.thinking }]),
          ...(result.answer === '' ? [] : [{ type: 'text' as const, text: result.answer }]),
        ],
        ...finish(result),
        warnings: warningsOf(result),
      };
    });

  const wrapStream = ({ model, params }: { model: LanguageModel; params: CallOptions }) =>
    run(params, async () => {
      const { controller, request, warningsOf, finish, learnContext } = prepare(model, params);
      // Cancelling the stream stops the run at once, even while a read waits on the model.
      const cancelled = new AbortController();
      const events = controller.stream({
        ...request,
        signal: AbortSignal.any([cancelled.signal, ...(request.signal ? [request.signal] : [])]),
      });
      const mapper = createContentPartMapper(format, mode);
      const stream = new ReadableStream<Record<string, unknown>>({
        start(stream) {
          stream.enqueue({ type: 'stream-start', warnings: warningsOf(undefined) });
          for (const part of mapper.start()) stream.enqueue(part);
        },
        async pull(stream) {
          try {
            // A pull that enqueues nothing is not called again: read on until a part comes.
            for (;;) {
              const next = await events.next();
              if (next.done) return stream.close();
              const event = next.value;
              if (event.type === 'done') {
                await learnContext();
                for (const part of mapper.end()) stream.enqueue(part);
                stream.enqueue({ type: 'finish', ...finish(event.result) });
                return stream.close();
              }
              const parts = mapper.map(event);
              for (const part of parts) stream.enqueue(part);
              if (parts.length > 0) return;
            }
          } catch (error) {
            const aborted = GenerationAbortedError.isInstance(error) && params.abortSignal?.aborted;
            stream.error(aborted ? params.abortSignal?.reason : error);
          }
        },
        async cancel(reason) {
          cancelled.abort(reason);
          await events.return();
        },
      });
      return { stream };
    });

  // One implementation answers in the wrapped model's specification, found at run time; the type
  // states both.
  return {
    specificationVersion: 'v3',
    middlewareVersion: 'v2',
    wrapGenerate,
    wrapStream,
  } as unknown as BudgetForcingMiddleware;
}

function ignoredSettings(params: CallOptions, turnsWithoutReasoning: number): CallWarning[] {
  const warnings: CallWarning[] = [];
  if (params.tools !== undefined && params.tools.length > 0) {
    warnings.push({
      feature: 'tools',
      setting: 'tools',
      details: 'budget forcing does not call tools; the tools were not offered to the model',
    });
  }
  if (params.toolChoice !== undefined) {
    warnings.push({
      feature: 'toolChoice',
      setting: 'toolChoice',
      details: 'budget forcing does not call tools',
    });
  }
  if (params.responseFormat?.type === 'json') {
    warnings.push({
      feature: 'responseFormat',
      setting: 'responseFormat',
      details: 'budget forcing generates text; JSON output is not enforced',
    });
  }
  if (turnsWithoutReasoning > 0) {
    warnings.push({
      feature: 'reasoning history',
      details: `the reasoning of ${turnsWithoutReasoning} earlier assistant turn(s) was left out of the prompt, as reasoning chat templates do`,
    });
  }
  return warnings;
}

function usageOf(result: BudgetForcingResult, reports: readonly ModelCallReport[]): CallUsage {
  const inputs = reports.map((report) => report.inputTokens);
  return {
    inputTokens: inputs.every((count) => count !== undefined)
      ? inputs.reduce((sum: number, count) => sum + count, 0)
      : undefined,
    outputTokens: result.usage.generatedTokens,
    reasoningTokens: result.thinkingTokens,
    textTokens: result.answerTokens,
  };
}

function metadataOf(result: BudgetForcingResult) {
  return {
    thinkingTokens: result.thinkingTokens,
    graceTokens: result.graceTokens,
    answerTokens: result.answerTokens,
    rounds: result.rounds,
    ignoredEnds: result.ignoredEnds,
    hitBudget: result.hitBudget,
    thinkingEnd: result.thinkingEnd,
    promptTokens: result.usage.promptTokens,
    generatedTokens: result.usage.generatedTokens,
    insertedTokens: result.usage.insertedTokens,
    requests: result.usage.requests,
    warnings: result.warnings.map((warning) => `${warning.feature}: ${warning.details}`),
  };
}

function uniqueWarnings(warnings: readonly ModelWarning[]): ModelWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = JSON.stringify(warning);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function definedOnly<Value extends Record<string, unknown>>(value: Value): Partial<Value> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<Value>;
}
