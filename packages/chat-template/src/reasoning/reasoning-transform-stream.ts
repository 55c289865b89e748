import {
  createReasoningParser,
  type ReasoningEvent,
  type ReasoningParserOptions,
} from './reasoning-parser';

/**
 * A web `TransformStream` from text chunks (or token-id chunks, with a tokenizer) to reasoning
 * events, for piping a model's stream.
 */
export function createReasoningTransformStream(
  options: ReasoningParserOptions,
): TransformStream<string | readonly number[], ReasoningEvent> {
  const parser = createReasoningParser(options);
  const enqueueAll = (
    controller: TransformStreamDefaultController<ReasoningEvent>,
    events: ReasoningEvent[],
  ) => {
    for (const event of events) controller.enqueue(event);
  };
  return new TransformStream({
    transform(chunk, controller) {
      enqueueAll(
        controller,
        typeof chunk === 'string' ? parser.push(chunk) : parser.pushTokens(chunk),
      );
    },
    flush(controller) {
      enqueueAll(controller, parser.end());
    },
  });
}
