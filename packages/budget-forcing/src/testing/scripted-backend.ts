import { functionSchema, type OptionsOf, validate } from '@s1/errors';
import { z } from 'zod';
import { backendTokenizerFrom, tokenizerSchema } from '../common/backend-tokenizer';
import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type {
  BackendV1,
  Sampling,
  SegmentRequest,
  SegmentResult,
  StepSession,
} from '../spec/backend-v1';
import { abortableSession } from '../stepping/abortable-session';
import { steppingCapabilities } from '../stepping/create-stepping-backend';
import { generateSegmentBySteps } from '../stepping/segments-from-steps';
import type { ScriptedModel } from './scripted-model';

const scriptedBackendShape = {
  /** The model: `createThinkingScript`, `createCyclicModel` or a function of your own. */
  model: functionSchema<ScriptedModel>(),
  /** The tokenizer the model's ids belong to (`loadTokenizer` of @s1/chat-template). */
  tokenizer: tokenizerSchema,
  /** `both` (default), `stepping` only, or `segments` only (like an HTTP server). */
  variant: z.enum(['both', 'stepping', 'segments']).optional(),
  /** The backend's `modelId`. @default 'scripted-model' */
  modelId: z.string().optional(),
  /**
   * The model's context, declared through `contextLength()` and enforced as vLLM enforces it: a
   * segment request whose prompt plus `maxTokens` exceeds it, or a session grown past it, fails.
   */
  contextLength: z.number().int().positive().optional(),
};

const optionsSchema = z.strictObject(scriptedBackendShape);

/**
 * Options of {@link createScriptedBackend}.
 *
 * @useDeclaredType
 */
export type ScriptedBackendOptions = OptionsOf<typeof scriptedBackendShape>;

/**
 * A deterministic in-memory backend over a scripted model: the reference backend of the
 * conformance suite and of the controller's tests. Sampling settings are accepted and ignored
 * (the script is its own greedy policy). It records every call in `calls`.
 */
export function createScriptedBackend(options: ScriptedBackendOptions): BackendV1 & {
  /** Every `generate` and `open` call so far, in order. */
  readonly calls: ScriptedCall[];
} {
  validate(optionsSchema, options, 'scripted backend options');
  const variant = options.variant ?? 'both';
  const tokenizer = backendTokenizerFrom(options.tokenizer);
  const calls: ScriptedCall[] = [];
  const { contextLength } = options;
  const overflow = (what: string, tokens: number) =>
    new BackendError({
      provider: 'scripted',
      message: `${what} needs ${tokens} tokens, beyond the model's context of ${contextLength}`,
    });
  const openSession = (
    promptIds: readonly number[],
    sampling: Sampling | undefined,
  ): StepSession => {
    const context = [...promptIds];
    return {
      sample: async ({ suppress } = {}) => {
        const preferences = options.model(context, sampling);
        const choice = preferences.find((id) => !suppress?.includes(id));
        if (choice === undefined) {
          throw new BackendError({
            provider: 'scripted',
            message: 'the scripted model has no token left after suppression',
          });
        }
        return choice;
      },
      append: async (ids) => {
        context.push(...ids);
        if (contextLength !== undefined && context.length > contextLength)
          throw overflow('the session', context.length);
      },
      close: async () => {},
    };
  };

  const generate = async (request: SegmentRequest) => {
    const promptIds =
      'tokenIds' in request.prompt
        ? [...request.prompt.tokenIds]
        : tokenizer.encode(request.prompt.text);
    if (contextLength !== undefined && promptIds.length + request.maxTokens > contextLength)
      throw overflow('the request (prompt and maxTokens)', promptIds.length + request.maxTokens);
    const result = await generateSegmentBySteps(
      openSession(promptIds, request.sampling),
      tokenizer,
      request,
      'scripted',
    );
    calls.push({
      kind: 'generate',
      prompt: 'tokenIds' in request.prompt ? promptIds : request.prompt.text,
      maxTokens: request.maxTokens,
      minTokens: request.minTokens ?? 0,
      stop: request.stop,
      result,
    });
    return result;
  };

  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: options.modelId ?? 'scripted-model',
    capabilities: {
      ...steppingCapabilities,
      segments: variant !== 'stepping',
      stepping: variant !== 'segments',
    },
    tokenizer,
    calls,
    contextLength: async () => contextLength,
    generate: variant === 'stepping' ? undefined : generate,
    open:
      variant === 'segments'
        ? undefined
        : async ({ promptIds, sampling, signal }) => {
            throwIfAborted(signal);
            calls.push({ kind: 'open', promptIds: [...promptIds] });
            return abortableSession(openSession(promptIds, sampling), signal);
          },
  };
}

/** A call a scripted backend recorded: a session opened, or a segment generated. */
export type ScriptedCall =
  | {
      /** A session was opened. */
      kind: 'open';
      /** The session's prompt. */
      promptIds: number[];
    }
  | {
      /** A segment was generated. */
      kind: 'generate';
      /** Token ids, or the text of a text prompt. */
      prompt: number[] | string;
      /** The request's `maxTokens`. */
      maxTokens: number;
      /** The request's `minTokens` (0 when it had none). */
      minTokens: number;
      /** The request's stop strings and ids. */
      stop: SegmentRequest['stop'];
      /** What the backend returned. */
      result: SegmentResult;
    };
