import type { ChatMessage } from '@s1/chat-template';
import { chatCompletionStream } from '../openai/chat-completion-stream';
import { chatCompletionRequestSchema } from '../openai/request-schemas';
import { chatCompletionBody, responseIdentity } from '../openai/response-bodies';
import { errorBody } from '../openai/to-request-error';
import { parseRequest } from '../read-request';
import { planGeneration, type ServedModel } from '../served-model';
import type { Run } from './generation';

/**
 * `POST /v1/chat/completions`: the messages through the chat template, thinking controlled.
 * The request is checked at once, and run once it has a slot.
 */
export function chatCompletions(body: unknown, model: ServedModel): Run {
  const request = parseRequest(chatCompletionRequestSchema, body);
  const { controller, thinking, sampling } = planGeneration(request, model);
  const identity = responseIdentity('chatcmpl', model.name);
  return async (generation) => {
    const run = {
      messages: request.messages as ChatMessage[],
      thinking,
      sampling,
      signal: generation.signal,
    };
    if (request.stream !== true) {
      const result = await controller.generate(run);
      generation.finish({ thinkingTokens: result.thinkingTokens });
      return Response.json(chatCompletionBody(identity, result));
    }
    const stream = chatCompletionStream({
      identity,
      events: await started(controller.stream(run)),
      format: model.format,
      includeUsage: request.stream_options?.include_usage === true,
      errorBody,
      onEnd: ({ result, error }) =>
        generation.finish({ thinkingTokens: result?.thinkingTokens, error }),
    });
    generation.streaming();
    return new Response(stream, { headers: sseHeaders });
  };
}

export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

/**
 * The events, once the first has come: a request the controller refuses (a minimum above what
 * the context leaves, an upstream that is down) fails before the response starts, with its
 * own status, instead of as an error event after a 200.
 */
async function started<Event>(
  events: AsyncGenerator<Event, void, undefined>,
): Promise<AsyncGenerator<Event, void, undefined>> {
  const first = await events.next();
  return (async function* () {
    if (first.done !== true) yield first.value;
    // Delegating passes the stream's `return()` on: a client that leaves stops the run.
    yield* events;
  })();
}
