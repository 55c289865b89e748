import { ContextLengthError } from '../errors/context-length-error';
import type { BackendV1, Prompt, SegmentRequest, SegmentResult } from '../spec/backend-v1';
import { contextLengthInRefusal } from './context-length-in-refusal';
import { fitToContext } from './fit-to-context';

type Generate = (request: SegmentRequest) => Promise<SegmentResult>;

/**
 * Segment generation that never asks a server for more than the model's context holds: each
 * request's `maxTokens` is cut to what its prompt leaves (so generation ends at the context, as
 * in vLLM's offline engine), and a refusal that names the context (vLLM's or SGLang's 400) is
 * learned from and the request sent again, once, cut to fit.
 */
export function contextBoundGeneration({
  generate,
  countPromptTokens,
  lookup,
}: {
  generate: Generate;
  countPromptTokens: (prompt: Prompt) => Promise<number>;
  /** What is known of the context before any refusal: given, or asked of the server. */
  lookup: (signal: AbortSignal | undefined) => Promise<number | undefined>;
}): { generate: Generate; contextLength: NonNullable<BackendV1['contextLength']> } {
  let learned: number | undefined;
  const contextLength = async (options?: { signal?: AbortSignal | undefined }) =>
    learned ?? (await lookup(options?.signal));
  const fitted = async (request: SegmentRequest): Promise<SegmentRequest> => {
    const limit = await contextLength({ signal: request.signal });
    if (limit === undefined) return request;
    const promptTokens = await countPromptTokens(request.prompt);
    const fit = fitToContext(request, promptTokens, limit);
    if (fit === undefined) throw new ContextLengthError({ promptTokens, contextLength: limit });
    return fit;
  };
  return {
    contextLength,
    generate: async (request) => {
      try {
        return await generate(await fitted(request));
      } catch (error) {
        const limit = contextLengthInRefusal(error);
        if (limit === undefined || limit === learned) throw error;
        learned = limit;
        return generate(await fitted(request));
      }
    },
  };
}
