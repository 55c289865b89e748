import { rawCompletionFetch } from '../src/ai-sdk/raw-completion-fetch';

/**
 * A raw-completion fetch that aborts `controller` with `reason` as soon as the server has
 * answered: the abort lands while the response is being read, as a user's cancel would.
 */
export function abortAfterResponse(controller: AbortController, reason: unknown) {
  return rawCompletionFetch({
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      controller.abort(reason);
      return response;
    },
  });
}
