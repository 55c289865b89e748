import {
  APICallError,
  BackendError,
  ContextLengthError,
  RequestLimitError,
  RetryError,
} from '@s1/budget-forcing';
import { TemplateError } from '@s1/chat-template';
import { InvalidArgumentError } from '@s1/errors';
import { RequestError } from './request-error';

/**
 * What a failure means to the client: its own mistake (400, naming the field), or the
 * upstream's (502, with the upstream's message). Anything else is the server's own fault, a 500
 * that names the error without its stack.
 */
export function toRequestError(error: unknown): RequestError {
  if (RequestError.isInstance(error)) return error;
  if (InvalidArgumentError.isInstance(error)) {
    const path = error.issues[0]?.path ?? '';
    return new RequestError({
      status: 400,
      // The template checks `messages` (`[0].tool_calls`): named as the request names it.
      param: error.argument === 'messages' ? `messages${dotted(path)}` : path || null,
      message: error.message,
      cause: error,
    });
  }
  if (ContextLengthError.isInstance(error)) {
    return new RequestError({
      status: 400,
      code: 'context_length_exceeded',
      param: 'messages',
      message: error.message,
      cause: error,
    });
  }
  if (TemplateError.isInstance(error)) {
    return new RequestError({
      status: 400,
      param: 'messages',
      message: `the chat template could not render the messages: ${error.message}`,
      cause: error,
    });
  }
  if (
    APICallError.isInstance(error) ||
    RetryError.isInstance(error) ||
    BackendError.isInstance(error) ||
    RequestLimitError.isInstance(error)
  ) {
    return new RequestError({
      status: 502,
      code: 'upstream_error',
      message: `the model backend failed: ${error.message}`,
      cause: error,
    });
  }
  return new RequestError({
    status: 500,
    message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

/** The OpenAI error body of any failure. */
export function errorBody(error: unknown) {
  return toRequestError(error).toJSON();
}

// `[0].tool_calls` → `.0.tool_calls`.
function dotted(path: string): string {
  const dots = path.replace(/\[(\d+)\]/g, '.$1');
  return dots === '' || dots.startsWith('.') ? dots : `.${dots}`;
}
