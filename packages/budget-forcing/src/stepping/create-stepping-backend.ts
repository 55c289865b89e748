import { functionSchema, type OptionsOf, objectSchema, validate } from '@s1/errors';
import { z } from 'zod';
import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type {
  BackendCapabilities,
  BackendTokenizer,
  BackendV1,
  OpenSessionRequest,
  StepSession,
} from '../spec/backend-v1';
import { abortableSession } from './abortable-session';
import { generateWithSessions } from './segments-from-steps';

/** What an in-process runtime that steps tokens can do: everything the spec names. */
export const steppingCapabilities: BackendCapabilities = {
  segments: true,
  stepping: true,
  promptTokenIds: true,
  stopTokenIds: true,
  minTokens: true,
  returnsTokenIds: true,
  streaming: true,
  seededSampling: true,
};

const steppingBackendShape = {
  /** The runtime, e.g. `onnxruntime`: the backend's `provider`. */
  provider: z.string().min(1),
  /** The model the runtime runs: the backend's `modelId`. */
  modelId: z.string(),
  /** The runtime's tokenizer: the backend's `tokenizer` (it needs `decode`). */
  tokenizer: objectSchema<BackendTokenizer>('a tokenizer of the backend spec'),
  /**
   * Opens a session on a prompt. The signal and the prompt are checked before it is called, and
   * the session it returns rejects `sample` and `append` once the signal fires.
   */
  open: functionSchema<(request: OpenSessionRequest) => Promise<StepSession>>(),
  /** Frees the runtime (the model, native memory): the backend's `close()`. */
  close: functionSchema<() => Promise<void>>().optional(),
  /** The model's context (`max_position_embeddings`): no sequence grows past it. */
  contextLength: z.number().int().positive().optional(),
};

const optionsSchema = z.strictObject(steppingBackendShape);

/**
 * The options of `createSteppingBackend`.
 *
 * @useDeclaredType
 */
export type SteppingBackendOptions = OptionsOf<typeof steppingBackendShape>;

/** A backend of `createSteppingBackend`: every method of the spec is there. */
export type SteppingBackend = BackendV1 &
  Required<Pick<BackendV1, 'generate' | 'open' | 'close' | 'contextLength'>>;

/**
 * A backend from a runtime's session opener: sessions are checked (signal, empty prompt) before
 * they open and stop at the signal, and segment generation runs on them with vLLM's semantics.
 *
 * @example
 * const backend = createSteppingBackend({ provider: 'my-runtime', modelId, tokenizer, open });
 */
export function createSteppingBackend(options: SteppingBackendOptions): SteppingBackend {
  validate(optionsSchema, options, 'stepping backend options');
  const { provider, tokenizer, contextLength } = options;
  const open = async (request: OpenSessionRequest) => {
    throwIfAborted(request.signal);
    if (request.promptIds.length === 0) {
      throw new BackendError({ provider, message: 'the prompt is empty; give at least one token' });
    }
    return abortableSession(await options.open(request), request.signal);
  };
  return {
    specificationVersion: 'v1',
    provider,
    modelId: options.modelId,
    capabilities: steppingCapabilities,
    tokenizer,
    open,
    generate: generateWithSessions(open, tokenizer, provider, contextLength),
    contextLength: async () => contextLength,
    close: options.close ?? (async () => {}),
  };
}
