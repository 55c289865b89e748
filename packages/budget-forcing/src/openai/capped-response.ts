import { APICallError } from '../errors/api-call-error';

/**
 * `response` with a body that fails with a non-retryable `APICallError` once it passes
 * `maxBytes`: every reader (`text()`, a stream) then stops there instead of buffering an endless
 * body from a broken server until memory runs out.
 */
export function cappedResponse(response: Response, url: string, maxBytes: number): Response {
  if (response.body === null) return response;
  let received = 0;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          controller.error(
            new APICallError({
              url,
              statusCode: response.status,
              isRetryable: false,
              reason: `the response passed ${maxBytes} bytes (maxResponseBytes) and was abandoned; a completion is far smaller, so the server is likely broken`,
            }),
          );
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
