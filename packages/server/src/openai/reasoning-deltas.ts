import {
  createReasoningParser,
  type ReasoningEvent,
  type ReasoningFormat,
} from '@s1/chat-template';

export interface Deltas {
  reasoning: string;
  content: string;
}

/**
 * Turns the text of a generation, as it comes, into the thinking and answer deltas a streaming
 * client reads, so that the deltas add up to the `reasoning` and `content` of the same request
 * answered whole. The incremental reasoning parser holds back text that may still turn out to
 * be a delimiter (a trailing `<|im_`, the newline before the end of thinking) until the next
 * text decides it, and reads each character once however long the generation.
 */
export function createReasoningDeltas(format: ReasoningFormat) {
  const parser = createReasoningParser({ format });
  // The controller's events start inside the thinking.
  parser.push(format.start);

  return {
    /**
     * Adds generated or inserted text; returns what can be sent now. Answer text closes the
     * thinking first where the events left out the end delimiter the model wrote.
     */
    push(addition: string, part: 'thinking' | 'answer' = 'thinking'): Deltas {
      const closing =
        part === 'answer' && !parser.result.thinkingClosed ? parser.push(format.end) : [];
      return deltasOf([...closing, ...parser.push(addition)]);
    },
    /** The rest, once the result is known: what was held back, and any text the events missed. */
    finish(result: Deltas): Deltas {
      const held = deltasOf(parser.end());
      const sent = parser.result;
      return {
        reasoning: held.reasoning + extension(sent.thinking, result.reasoning),
        content: held.content + extension(sent.answer, result.content),
      };
    },
  };
}

function deltasOf(events: readonly ReasoningEvent[]): Deltas {
  const deltas = { reasoning: '', content: '' };
  for (const event of events) {
    if (event.type === 'thinking-delta') deltas.reasoning += event.text;
    else if (event.type === 'answer-delta') deltas.content += event.text;
  }
  return deltas;
}

// What `full` adds to `sent`; nothing when `full` no longer extends it (the client has text that
// later turned out to be a delimiter, which a stream cannot take back).
function extension(sent: string, full: string): string {
  return full.startsWith(sent) ? full.slice(sent.length) : '';
}
