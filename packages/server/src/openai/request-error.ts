import { S1Error } from '@s1/errors';

/**
 * A request the server refuses (or, with a 500, fails on), with the HTTP status and the OpenAI
 * error fields clients parse: `param` names the offending field, `code` a machine-readable reason.
 */
export class RequestError extends S1Error {
  /** The HTTP status of the response. */
  readonly status: 400 | 401 | 404 | 413 | 500 | 502 | 503;
  /** OpenAI's error type for the status (`invalid_request_error`, `server_error`, …). */
  readonly type: string;
  /** The offending request field, or null. */
  readonly param: string | null;
  /** A machine-readable reason, or null. */
  readonly code: string | null;

  constructor({
    status,
    message,
    param = null,
    code = null,
    cause,
  }: {
    status: RequestError['status'];
    message: string;
    param?: string | null;
    code?: string | null;
    cause?: unknown;
  }) {
    super({ name: 'S1_RequestError', message, cause });
    this.status = status;
    this.type = errorTypes[status];
    this.param = param;
    this.code = code;
  }

  /** Whether `error` is a `RequestError` (`S1_RequestError`), from any copy of the package. */
  static override isInstance(error: unknown): error is RequestError {
    return S1Error.isInstance(error) && error.name === 'S1_RequestError';
  }

  /** The body OpenAI clients read an error from: `{ error: { message, type, param, code } }`. */
  toJSON(): {
    /** The error, as OpenAI's API writes it. */
    error: {
      /** What went wrong. */
      message: string;
      /** OpenAI's error type. */
      type: string;
      /** The offending request field, or null. */
      param: string | null;
      /** A machine-readable reason, or null. */
      code: string | null;
    };
  } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

// The types OpenAI's API gives each status.
const errorTypes: Record<RequestError['status'], string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  500: 'server_error',
  502: 'upstream_error',
  503: 'server_overloaded',
};
