import type { SegmentRequest } from '../spec/backend-v1';

/**
 * The request cut to fit the model's context after `promptTokens`: `maxTokens` (and `minTokens`)
 * at most what is left, as vLLM's offline engine ends generation at the context. Undefined when
 * the prompt leaves no room; the request itself when the context is unknown or it fits.
 */
export function fitToContext<Request extends Pick<SegmentRequest, 'maxTokens' | 'minTokens'>>(
  request: Request,
  promptTokens: number,
  contextLength: number | undefined,
): Request | undefined {
  if (contextLength === undefined) return request;
  const room = contextLength - promptTokens;
  if (room <= 0) return undefined;
  if (request.maxTokens <= room) return request;
  return {
    ...request,
    maxTokens: room,
    ...(request.minTokens === undefined ? {} : { minTokens: Math.min(request.minTokens, room) }),
  };
}
