import { S1Error } from '@s1/errors';

/**
 * One HTTP call failed: a status, a network error, a timeout or a body that is not the protocol.
 * `isRetryable` says whether trying again may help (408, 409, 429, 5xx, network, timeout,
 * malformed body).
 */
export class APICallError extends S1Error {
  /** The URL called. */
  readonly url: string;
  /** The HTTP status, or undefined when no response came (a network error, a timeout). */
  readonly statusCode: number | undefined;
  /** The response body, when one was read. */
  readonly responseBody: string | undefined;
  /** Whether trying again may help (408, 409, 429, 5xx, network, timeout, malformed body). */
  readonly isRetryable: boolean;

  constructor({
    url,
    statusCode,
    responseBody,
    isRetryable,
    reason,
    cause,
  }: {
    url: string;
    statusCode?: number | undefined;
    responseBody?: string | undefined;
    isRetryable: boolean;
    reason: string;
    cause?: unknown;
  }) {
    const status = statusCode === undefined ? '' : ` (HTTP ${statusCode})`;
    super({ name: 'S1_APICallError', message: `${url}${status}: ${reason}`, cause });
    this.url = url;
    this.statusCode = statusCode;
    this.responseBody = responseBody;
    this.isRetryable = isRetryable;
  }

  /** Whether `error` is an `APICallError` (`S1_APICallError`), from any copy of the package. */
  static override isInstance(error: unknown): error is APICallError {
    return S1Error.isInstance(error) && error.name === 'S1_APICallError';
  }
}

/** Every attempt of a call failed. `lastError` is the final `APICallError`. */
export class RetryError extends S1Error {
  /** The URL called. */
  readonly url: string;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The last attempt's error (also the `cause`). */
  readonly lastError: unknown;

  constructor({ url, attempts, lastError }: { url: string; attempts: number; lastError: unknown }) {
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    super({
      name: 'S1_RetryError',
      message: `${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}. Last error: ${reason}`,
      cause: lastError,
    });
    this.url = url;
    this.attempts = attempts;
    this.lastError = lastError;
  }

  /** Whether `error` is a `RetryError` (`S1_RetryError`), from any copy of the package. */
  static override isInstance(error: unknown): error is RetryError {
    return S1Error.isInstance(error) && error.name === 'S1_RetryError';
  }
}
