import type { Sampling, StepSession } from '../spec/backend-v1';
import { createTokenSampler } from './token-sampler';

/**
 * A stepping session over a runtime that returns next-token logits for appended tokens: the
 * prompt runs at once, `sample` draws from the latest logits with the SDK's sampler, and `append`
 * runs the new tokens. `forward` keeps the runtime's cache between calls. The signal is left to
 * `createSteppingBackend`, which checks it before every step.
 */
export async function createLogitsSession({
  promptIds,
  sampling,
  forward,
  release,
}: {
  promptIds: readonly number[];
  sampling: Sampling | undefined;
  /** Runs tokens after everything before them and returns the logits after the last one. */
  forward: (ids: readonly number[]) => Promise<Float32Array>;
  release: () => void;
}): Promise<StepSession> {
  const sample = createTokenSampler(sampling);
  let logits = await forward(promptIds);
  return {
    sample: async ({ suppress } = {}) => sample(logits, suppress),
    append: async (ids) => {
      if (ids.length > 0) logits = await forward(ids);
    },
    close: async () => release(),
  };
}
