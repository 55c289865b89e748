import { type BackendV1, type Sampling, segmentGenerator } from '@s1/budget-forcing';
import { cachedCall } from '../cache/cached-call';
import type { CallCache } from '../cache/create-call-cache';

/** One plain completion of a text prompt. */
export interface TextCall {
  prompt: string;
  maxTokens: number;
  sampling: Sampling;
}

/**
 * Generates one completion of `prompt` on a backend and returns its text; with a cache, a call
 * already made (same model, prompt, length and sampling) is read back instead of repeated.
 *
 * @example
 * const text = await generateText(backend, { prompt, maxTokens: 512, sampling: { temperature: 0 } });
 */
export function generateText(
  backend: BackendV1,
  call: TextCall,
  cache?: CallCache<string> | undefined,
): Promise<string> {
  const generate = async () => {
    const result = await segmentGenerator(backend)({
      prompt: { text: call.prompt },
      maxTokens: call.maxTokens,
      sampling: call.sampling,
    });
    return result.text;
  };
  if (cache === undefined) return generate();
  const key = { provider: backend.provider, model: backend.modelId, ...call };
  return cachedCall(cache, key, generate);
}
