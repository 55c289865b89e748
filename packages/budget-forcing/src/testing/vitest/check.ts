import type { BackendV1, Prompt, SegmentRequest, SegmentResult } from '../../spec/backend-v1';
import { segmentGenerator } from '../../stepping/segments-from-steps';

/** An s1 chat prompt, up to the thinking start: a model continues it for many tokens. */
export const defaultPrompt =
  '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nCount from one to twenty.<|im_end|>\n<|im_start|>assistant\n<|im_start|>think';

/** What a conformance check is given besides the backend. */
export interface CheckContext {
  /** A prompt the model continues for at least 8 tokens. */
  prompt: string;
  /** Ends the check as skipped, saying why (a capability the backend does not declare). */
  skip: (reason: string) => never;
}

/** One conformance check: it throws (an `expect` failure) when the backend breaks the spec. */
export type Check = (backend: BackendV1, context: CheckContext) => Promise<void>;

/** The prompt as the backend takes it best: token ids where it accepts them, else text. */
export async function promptOf(backend: BackendV1, prompt: string): Promise<Prompt> {
  return backend.capabilities.promptTokenIds
    ? { tokenIds: await backend.tokenizer.encode(prompt) }
    : { text: prompt };
}

/** A greedy segment of 8 tokens on the check's prompt, changed by `request`. */
export async function generateOn(
  backend: BackendV1,
  prompt: string,
  request: Partial<SegmentRequest> = {},
): Promise<SegmentResult> {
  return segmentGenerator(backend)({
    prompt: await promptOf(backend, prompt),
    maxTokens: 8,
    sampling: { temperature: 0 },
    ...request,
  });
}

/**
 * Lets `count` turns of the event loop pass: room for work that should not happen (a token after
 * a stop) to happen, counted in turns rather than waited for in time.
 */
export async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}
