import { throwIfAborted } from '../errors/abort-error';
import type { Sampling, StepSession } from './backend-v1';
import { createTokenSampler } from './token-sampler';

/**
 * A stepping session over a runtime that returns next-token logits for appended tokens: the
 * prompt runs at once, `sample` draws from the latest logits with the SDK's sampler, and `append`
 * runs the new tokens. `forward` keeps the runtime's cache between calls.
 */
export async function createLogitsSession({
  promptIds,
  sampling,
  signal,
  forward,
  release,
}: {
  promptIds: readonly number[];
  sampling: Sampling | undefined;
  signal: AbortSignal | undefined;
  /** Runs tokens after everything before them and returns the logits after the last one. */
  forward: (ids: readonly number[]) => Promise<Float32Array>;
  release: () => void;
}): Promise<StepSession> {
  const sample = createTokenSampler(sampling);
  const run = async (ids: readonly number[]) => {
    throwIfAborted(signal);
    return forward(ids);
  };
  let logits = await run(promptIds);
  return {
    sample: async ({ suppress } = {}) => sample(logits, suppress),
    append: async (ids) => {
      if (ids.length > 0) logits = await run(ids);
    },
    close: async () => release(),
  };
}
