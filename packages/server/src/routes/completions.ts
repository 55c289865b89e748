import { segmentGenerator } from '@s1/budget-forcing';
import { completionRequestSchema } from '../openai/request-schemas';
import { responseIdentity, textCompletionBody, usageOf } from '../openai/response-bodies';
import { parseRequest } from '../read-request';
import { planGeneration, type ServedModel } from '../served-model';
import { sseHeaders } from './chat-completions';
import type { Run } from './generation';

/**
 * `POST /v1/completions`: a prompt that ends by opening thinking (the format's start, as a
 * client that templates its own prompts writes it) is budget-forced, and `text` is what follows
 * the prompt; any other prompt passes through to the backend as it is, with `s1: null`.
 * With `stream`, the completion is sent as one event once it is whole.
 */
export function completions(body: unknown, model: ServedModel): Run {
  const request = parseRequest(completionRequestSchema, body);
  const { controller, thinking, answer, sampling } = planGeneration(request, model);
  const identity = responseIdentity('cmpl', model.name);
  const opensThinking = request.prompt.trimEnd().lastIndexOf(model.format.start);
  const controlled =
    opensThinking !== -1 &&
    opensThinking + model.format.start.length === request.prompt.trimEnd().length;

  return async (generation) => {
    let response: ReturnType<typeof textCompletionBody>;
    if (controlled) {
      const opened = request.prompt.slice(opensThinking);
      const result = await controller.generate({
        prompt: request.prompt.slice(0, opensThinking),
        thinking,
        sampling,
        signal: generation.signal,
      });
      // The client's prompt already holds the start of thinking (and what followed it).
      const text = result.text.startsWith(opened) ? result.text.slice(opened.length) : result.text;
      generation.finish({ thinkingTokens: result.thinkingTokens });
      response = textCompletionBody(identity, text, result.finishReason, result, usageOf(result));
    } else {
      const promptTokens = (await model.backend.tokenizer.encode(request.prompt)).length;
      const segment = await segmentGenerator(model.backend)({
        prompt: { text: request.prompt },
        maxTokens: answer.maxTokens,
        stop: { strings: answer.stop },
        sampling,
        signal: generation.signal,
      });
      generation.finish({});
      response = textCompletionBody(identity, segment.text, segment.finishReason, undefined, {
        prompt_tokens: promptTokens,
        completion_tokens: segment.completionTokens,
        total_tokens: promptTokens + segment.completionTokens,
        completion_tokens_details: { reasoning_tokens: 0 },
      });
    }
    if (request.stream !== true) return Response.json(response);
    const encoder = new TextEncoder();
    return new Response(encoder.encode(`data: ${JSON.stringify(response)}\n\ndata: [DONE]\n\n`), {
      headers: sseHeaders,
    });
  };
}
