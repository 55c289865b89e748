import { type ReasoningFormat, splitReasoning } from '@s1/chat-template';

export interface Deltas {
  reasoning: string;
  content: string;
}

/**
 * Turns the text of a generation, as it comes, into the thinking and answer deltas a streaming
 * client reads, so that the deltas add up to the `reasoning` and `content` of the same request
 * answered whole. Text that may still turn out to be a delimiter (a trailing `<|im_` or the
 * newline before the end of thinking) is held back until the next text decides it.
 */
export function createReasoningDeltas(format: ReasoningFormat) {
  let text = format.start;
  let sent: Deltas = { reasoning: '', content: '' };

  const emit = (thinking: string, answer: string): Deltas => {
    const deltas = {
      reasoning: extension(sent.reasoning, thinking),
      content: extension(sent.content, answer),
    };
    sent = {
      reasoning: sent.reasoning + deltas.reasoning,
      content: sent.content + deltas.content,
    };
    return deltas;
  };

  return {
    /**
     * Adds generated or inserted text; returns what can be sent now. Answer text closes the
     * thinking first where the events left out the end delimiter the model wrote.
     */
    push(addition: string, part: 'thinking' | 'answer' = 'thinking'): Deltas {
      if (part === 'answer' && !splitReasoning(text, format).thinkingClosed) text += format.end;
      text += addition;
      const split = splitReasoning(text, format);
      if (split.thinkingClosed) return emit(split.thinking, split.answer);
      return emit(
        split.thinking.slice(0, split.thinking.length - heldBack(split.thinking, format)),
        '',
      );
    },
    /** The rest, once the result is known: what was held back, and any text the events missed. */
    finish(result: Deltas): Deltas {
      return emit(result.reasoning, result.content);
    },
  };
}

// What `full` adds to `sent`; nothing when `full` no longer extends it (the client has text that
// later turned out to be a delimiter, which a stream cannot take back).
function extension(sent: string, full: string): string {
  return full.startsWith(sent) ? full.slice(sent.length) : '';
}

// Characters at the end of open thinking that may still become its suffix and end delimiter.
function heldBack(thinking: string, format: ReasoningFormat): number {
  const tail = format.thinkingSuffix + format.endDetection;
  for (let length = Math.min(tail.length, thinking.length); length > 0; length--) {
    if (tail.startsWith(thinking.slice(thinking.length - length))) return length;
  }
  return 0;
}
