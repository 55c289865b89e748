import { throwIfAborted } from '../errors/abort-error';
import { BackendError } from '../errors/backend-error';
import type {
  BackendCapabilities,
  BackendTokenizer,
  BackendV1,
  OpenSessionRequest,
  StepSession,
} from './backend-v1';
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

/**
 * A backend from a runtime's session opener: sessions are checked (signal, empty prompt) before
 * they open, and segment generation runs on them with vLLM's semantics.
 */
export function createSteppingBackend({
  provider,
  modelId,
  tokenizer,
  open,
  release,
  contextLength,
}: {
  provider: string;
  modelId: string;
  tokenizer: BackendTokenizer;
  open: (request: OpenSessionRequest) => Promise<StepSession>;
  release: () => Promise<void>;
  /** The model's context (`max_position_embeddings`): no sequence grows past it. */
  contextLength?: number | undefined;
}): BackendV1 & { release(): Promise<void> } {
  const checkedOpen = async (request: OpenSessionRequest) => {
    throwIfAborted(request.signal);
    if (request.promptIds.length === 0) {
      throw new BackendError({ provider, message: 'the prompt is empty; give at least one token' });
    }
    return open(request);
  };
  return {
    specificationVersion: 'v1',
    provider,
    modelId,
    capabilities: steppingCapabilities,
    tokenizer,
    open: checkedOpen,
    generate: generateWithSessions(checkedOpen, tokenizer, provider, contextLength),
    contextLength: async () => contextLength,
    release,
  };
}
