import type { Tokenizer } from '@s1/chat-template';
import { functionSchema, validate } from '@s1/errors';
import { z } from 'zod';
import { backendTokenizerFrom, tokenizerSchema } from '../common/backend-tokenizer';
import { contextBoundGeneration } from '../context-length/context-bound-generation';
import { GenerationAbortedError, throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type { BackendV1, SegmentRequest, SegmentResult } from '../spec/backend-v1';
import {
  type CallOptions,
  type LanguageModel,
  type ModelFinishReason,
  type ModelResponse,
  type ModelUsage,
  type ModelWarning,
  totalTokens,
} from './language-model';
import { rawPromptAppliedHeader, rawPromptHeader } from './raw-completion-fetch';

/** What one call of the wrapped model reported. */
export interface ModelCallReport {
  /** Prompt tokens the model reported, if it did. */
  inputTokens: number | undefined;
  /** Generated tokens the model reported, if it did. */
  outputTokens: number | undefined;
  /** The warnings the model returned (unsupported settings, …). */
  warnings: readonly ModelWarning[];
}

/** Options of {@link createAiSdkBackend}. */
export interface AiSdkBackendOptions {
  /**
   * An AI SDK language model (ai 5 or 6) that continues raw prompts, such as an OpenAI-compatible
   * completion model whose provider sends requests through `rawCompletionFetch()`.
   */
  model: LanguageModel;
  /** The model's tokenizer (`loadTokenizer` from @s1/chat-template), for delimiters and counts. */
  tokenizer: Tokenizer;
  /** Sent with every call: headers, provider options, `topK`, penalties. */
  callOptions?: Partial<Omit<CallOptions, 'prompt'>> | undefined;
  /** Whether the server reproduces a seeded sample. @default false */
  seededSampling?: boolean | undefined;
  /** Called after each call of the model with the usage and warnings it reported. */
  onCall?: ((report: ModelCallReport) => void) | undefined;
  /**
   * Tokens the model holds, prompt and generation together (vLLM's `max_model_len`): each call's
   * `maxOutputTokens` is cut to what its prompt leaves. @default learned from the first refusal
   * that names it (vLLM's and SGLang's 400), after which the call is sent again, cut to fit
   */
  contextLength?: number | undefined;
}

// The AI SDK checks the values of call options; here a misspelt key is caught.
const callOptionsSchema = z.strictObject({
  maxOutputTokens: z.unknown().optional(),
  temperature: z.unknown().optional(),
  stopSequences: z.unknown().optional(),
  topP: z.unknown().optional(),
  topK: z.unknown().optional(),
  presencePenalty: z.unknown().optional(),
  frequencyPenalty: z.unknown().optional(),
  responseFormat: z.unknown().optional(),
  seed: z.unknown().optional(),
  tools: z.unknown().optional(),
  toolChoice: z.unknown().optional(),
  includeRawChunks: z.unknown().optional(),
  abortSignal: z.unknown().optional(),
  headers: z.unknown().optional(),
  providerOptions: z.unknown().optional(),
});

export const aiSdkBackendOptionsSchema = z.strictObject({
  // A model is an object of the AI SDK's, with more than the adapter reads: not strict.
  model: z.looseObject({
    specificationVersion: z.enum(['v2', 'v3'], {
      message: 'model must be an AI SDK language model of specification v2 (ai 5) or v3 (ai 6)',
    }),
    doGenerate: z.function(),
    doStream: z.function(),
  }),
  tokenizer: tokenizerSchema,
  callOptions: callOptionsSchema.optional(),
  seededSampling: z.boolean().optional(),
  onCall: functionSchema<(report: ModelCallReport) => void>().optional(),
  contextLength: z.number().int().positive().optional(),
});

// What vLLM (`stop_reason`) and SGLang (`matched_stop`) say about the stop that ended a choice.
const stopReportSchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      stop_reason: z.union([z.number(), z.string()]).nullish(),
      matched_stop: z.union([z.number(), z.string()]).nullish(),
    }),
  ),
});

interface CallOutcome {
  text: string;
  finishReason: ModelFinishReason;
  usage: ModelUsage | undefined;
  /** The stop the server reported; undefined when it reported none. */
  reportedStop: number | string | undefined;
  response: ModelResponse | undefined;
  warnings: readonly ModelWarning[];
}

/**
 * A segment backend over an AI SDK language model: each segment is one `doGenerate` call (or
 * `doStream`, when deltas are wanted) with the prompt marked as a raw continuation. The model's
 * own usage is used for token counts where it reports them, the tokenizer otherwise.
 *
 * @example
 * const backend = createAiSdkBackend({ model: provider.completionModel('s1.1-32B'), tokenizer });
 * const result = await createBudgetForcing({ backend, thinking: { max: 4000 } }).generate({ messages });
 */
export function createAiSdkBackend(options: AiSdkBackendOptions): BackendV1 {
  validate(aiSdkBackendOptionsSchema, options, 'AI SDK backend options');
  const { model, tokenizer } = options;
  const provider = `ai-sdk:${model.provider}`;

  const generateUnbounded = async (request: SegmentRequest): Promise<SegmentResult> => {
    throwIfAborted(request.signal);
    if (!('text' in request.prompt)) {
      throw new BackendError({ provider, message: 'prompts are sent as text, not token ids' });
    }
    const stopStrings = request.stop?.strings ?? [];
    const call: CallOptions = {
      ...options.callOptions,
      prompt: [{ role: 'user', content: [{ type: 'text', text: request.prompt.text }] }],
      maxOutputTokens: request.maxTokens,
      stopSequences: stopStrings.length > 0 ? [...stopStrings] : undefined,
      temperature: request.sampling?.temperature ?? 0,
      topP: request.sampling?.topP,
      seed: request.sampling?.seed,
      abortSignal: request.signal,
      headers: { ...options.callOptions?.headers, [rawPromptHeader]: 'true' },
    };
    let outcome: CallOutcome;
    try {
      outcome =
        request.onDelta === undefined
          ? await generateOnce(model, call)
          : await streamOnce(model, call, request.onDelta);
    } catch (error) {
      if (request.signal?.aborted)
        throw new GenerationAbortedError({ reason: request.signal.reason });
      throw error;
    }
    if (outcome.response?.headers?.[rawPromptAppliedHeader] === undefined) {
      throw new BackendError({
        provider,
        message:
          'the model did not confirm that the prompt was sent as a raw continuation; create its provider with `fetch: rawCompletionFetch()` from @s1/budget-forcing/ai-sdk',
      });
    }
    options.onCall?.({
      inputTokens: totalTokens(outcome.usage?.inputTokens),
      outputTokens: totalTokens(outcome.usage?.outputTokens),
      warnings: outcome.warnings,
    });
    const finishReason = unifiedFinishReason(outcome.finishReason) === 'length' ? 'length' : 'stop';
    const completionTokens =
      totalTokens(outcome.usage?.outputTokens) ??
      tokenizer.encode(outcome.text).length + (finishReason === 'stop' ? 1 : 0);
    return {
      text: outcome.text,
      completionTokens,
      finishReason,
      stopReason:
        finishReason === 'length'
          ? undefined
          : (outcome.reportedStop ?? (stopStrings.length === 1 ? stopStrings[0] : undefined)),
    };
  };

  const bounded = contextBoundGeneration({
    generate: generateUnbounded,
    countPromptTokens: async (prompt) =>
      'tokenIds' in prompt ? prompt.tokenIds.length : tokenizer.encode(prompt.text).length,
    lookup: async () => options.contextLength,
  });

  return {
    specificationVersion: 'v1',
    provider,
    modelId: model.modelId,
    capabilities: {
      segments: true,
      stepping: false,
      promptTokenIds: false,
      stopTokenIds: false,
      minTokens: false,
      returnsTokenIds: false,
      streaming: true,
      seededSampling: options.seededSampling ?? false,
    },
    tokenizer: backendTokenizerFrom(tokenizer),
    generate: bounded.generate,
    contextLength: bounded.contextLength,
  };
}

async function generateOnce(model: LanguageModel, call: CallOptions): Promise<CallOutcome> {
  const result = await model.doGenerate(call);
  return {
    text: result.content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(''),
    finishReason: result.finishReason,
    usage: result.usage,
    reportedStop: reportedStop(result.response?.body),
    response: result.response,
    warnings: result.warnings,
  };
}

// Reads the model's stream part by part, awaiting `onDelta` before pulling the next: a slow
// reader holds the model's response back.
async function streamOnce(
  model: LanguageModel,
  call: CallOptions,
  onDelta: (delta: { text: string }) => unknown,
): Promise<CallOutcome> {
  const { stream, response } = await model.doStream({ ...call, includeRawChunks: true });
  const outcome: CallOutcome = {
    text: '',
    finishReason: 'other',
    usage: undefined,
    reportedStop: undefined,
    response,
    warnings: [],
  };
  for await (const part of stream as unknown as AsyncIterable<Record<string, unknown>>) {
    switch (part.type) {
      case 'text-delta': {
        const delta = String(part.delta);
        outcome.text += delta;
        // Parts read after the signal fired are not handed on: the call is being aborted.
        throwIfAborted(call.abortSignal);
        if (delta !== '') await onDelta({ text: delta });
        break;
      }
      case 'raw':
        outcome.reportedStop ??= reportedStop(part.rawValue);
        break;
      case 'stream-start':
        outcome.warnings = part.warnings as ModelWarning[];
        break;
      case 'finish':
        outcome.finishReason = part.finishReason as ModelFinishReason;
        outcome.usage = part.usage as ModelUsage;
        break;
      case 'error':
        throw part.error;
    }
  }
  return outcome;
}

function reportedStop(body: unknown): number | string | undefined {
  const parsed = stopReportSchema.safeParse(body);
  const choice = parsed.success ? parsed.data.choices[0] : undefined;
  return choice?.stop_reason ?? choice?.matched_stop ?? undefined;
}

export function unifiedFinishReason(reason: ModelFinishReason): string {
  return typeof reason === 'string' ? reason : reason.unified;
}
