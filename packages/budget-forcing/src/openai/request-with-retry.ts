import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import type { FetchFunction } from '../common/fetch-function';
import { GenerationAbortedError } from '../errors/abort-error';
import { APICallError, RetryError } from '../errors/api-call-error';
import { type AttemptTimeout, attemptTimeout } from './attempt-timeout';
import { cappedResponse } from './capped-response';

export const retryPolicyShape = {
  /** Retries after the first attempt. @default 3 */
  maxRetries: z.number().int().nonnegative(),
  /** Delay before the first retry; doubles each time, with jitter. @default 500 */
  initialDelayMs: z.number().nonnegative(),
  /** Longest delay between attempts. @default 8000 */
  maxDelayMs: z.number().nonnegative(),
  /** Each attempt is abandoned (and retried) after this long without a complete response. @default 120000 */
  timeoutMs: z.number().positive(),
  /** A response body past this many bytes fails the request (not retried). @default 64 MiB */
  maxResponseBytes: z.number().int().positive(),
};

/**
 * How requests to a server are retried.
 *
 * @useDeclaredType
 */
export type RetryPolicy = z.output<z.ZodObject<typeof retryPolicyShape>>;

/** A failed attempt that is about to be retried. */
export interface RetryEvent {
  /** The URL called. */
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** Retries still allowed after this one. */
  retriesLeft: number;
  /** Why the attempt failed. */
  error: APICallError;
}

/** Reads a response; what it waits for through `excluding` does not count toward the timeout. */
export type ReadResponse<Result> = (
  response: Response,
  excluding: AttemptTimeout['excluding'],
) => Promise<Result>;

const retryableStatus = (status: number) =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * POSTs `body` as JSON (or GETs, without a body) and reads the response with `read`, retrying
 * network errors, timeouts, retryable statuses and malformed bodies with exponential backoff.
 * Throws `RetryError` (with the attempt count) when every attempt failed, or at once for a
 * non-retryable failure.
 */
export async function requestWithRetry<Result>({
  url,
  body,
  headers,
  fetch,
  policy,
  signal,
  read,
  onRetry,
}: {
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  fetch: FetchFunction;
  policy: RetryPolicy;
  signal: AbortSignal | undefined;
  read: ReadResponse<Result>;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}): Promise<Result> {
  let attempts = 0;
  const attempt = async () => {
    attempts++;
    const timeout = attemptTimeout(policy.timeoutMs);
    const attemptSignal =
      signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
    try {
      const fetched = await fetch(
        url,
        body === undefined
          ? { method: 'GET', headers, signal: attemptSignal }
          : {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify(body),
              signal: attemptSignal,
            },
      );
      const response = cappedResponse(fetched, url, policy.maxResponseBytes);
      if (!response.ok) {
        const responseBody = await response.text().catch(() => undefined);
        throw new APICallError({
          url,
          statusCode: response.status,
          responseBody,
          isRetryable: retryableStatus(response.status),
          reason: describeStatus(response.status, responseBody),
        });
      }
      return await read(response, timeout.excluding);
    } catch (error) {
      if (signal?.aborted)
        throw new AbortError(new GenerationAbortedError({ reason: signal.reason }));
      if (APICallError.isInstance(error)) {
        if (!error.isRetryable) throw new AbortError(error);
        throw error;
      }
      const timedOut = timeout.signal.aborted;
      throw new APICallError({
        url,
        isRetryable: true,
        reason: timedOut
          ? `no complete response within ${policy.timeoutMs} ms`
          : `network error: ${describeNetworkError(error)}`,
        cause: error,
      });
    } finally {
      timeout.clear();
    }
  };
  try {
    return await pRetry(attempt, {
      retries: policy.maxRetries,
      factor: 2,
      minTimeout: policy.initialDelayMs,
      maxTimeout: policy.maxDelayMs,
      randomize: true,
      signal,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && APICallError.isInstance(error)) {
          onRetry?.({ url, attempt: attemptNumber, retriesLeft, error });
        }
      },
    });
  } catch (error) {
    const cause = error instanceof AbortError && error.cause !== undefined ? error.cause : error;
    if (GenerationAbortedError.isInstance(cause)) throw cause;
    if (signal?.aborted) throw new GenerationAbortedError({ reason: signal.reason });
    throw new RetryError({ url, attempts, lastError: cause });
  }
}

function describeStatus(status: number, body: string | undefined): string {
  const excerpt = body === undefined || body === '' ? '' : `: ${body.slice(0, 300)}`;
  // vLLM and SGLang answer an unknown model with 404 too, and say so in the body.
  if (status === 404 && /\bmodel\b/i.test(body ?? '')) {
    return `the server does not serve that model; check the model name (GET /v1/models lists the models it serves)${excerpt}`;
  }
  if (status === 404 || status === 405) {
    return `the server has no such endpoint; is this an OpenAI-compatible server, and does baseURL end with /v1?${excerpt}`;
  }
  if (status === 401 || status === 403)
    return `the server refused the credentials; check apiKey${excerpt}`;
  return `the server answered ${status}${excerpt}`;
}

// fetch says only "fetch failed"; what failed (connect ECONNREFUSED 127.0.0.1:9, getaddrinfo
// ENOTFOUND host) is in its cause.
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  const detail = [cause?.message, cause?.code].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return detail === undefined || error.message.includes(detail)
    ? error.message
    : `${error.message} (${detail})`;
}
