import {
  createReasoningParser,
  type ReasoningEvent,
  type ReasoningFormat,
} from '@s1/chat-template';
import type { FidelityMode } from '../controller/options';
import type { BudgetForcingEvent } from '../controller/result';

export type ContentStreamPart =
  | { type: 'reasoning-start' | 'reasoning-end' | 'text-start' | 'text-end'; id: string }
  | { type: 'reasoning-delta' | 'text-delta'; id: string; delta: string };

const reasoningId = 'reasoning-0';
const textId = 'text-0';

/**
 * Turns controller events into AI SDK reasoning and text parts. The events are put back
 * together into the assistant text and split by the reasoning parser, so the streamed reasoning
 * and text equal `thinking` and `answer` of the result, delimiters and prefixes left out as
 * `splitReasoning` leaves them out.
 */
export function createContentPartMapper(format: ReasoningFormat, mode: FidelityMode) {
  const parser = createReasoningParser({ format });
  let endWritten = false;
  let reasoningOpen = false;
  let textOpen = false;

  const partsOfEvent = (event: ReasoningEvent): ContentStreamPart[] => {
    if (event.type === 'thinking-start') {
      reasoningOpen = true;
      return [{ type: 'reasoning-start', id: reasoningId }];
    }
    if (event.type === 'thinking-delta') {
      return [{ type: 'reasoning-delta', id: reasoningId, delta: event.text }];
    }
    if (event.type === 'thinking-end') {
      reasoningOpen = false;
      return [{ type: 'reasoning-end', id: reasoningId }];
    }
    const delta: ContentStreamPart = { type: 'text-delta', id: textId, delta: event.text };
    if (textOpen) return [delta];
    textOpen = true;
    return [{ type: 'text-start', id: textId }, delta];
  };
  const partsOf = (events: readonly ReasoningEvent[]) => events.flatMap(partsOfEvent);

  const textOf = (event: Exclude<BudgetForcingEvent, { type: 'done' }>): string => {
    switch (event.type) {
      case 'thinking-delta':
      case 'continuation':
        return event.text;
      case 'budget-exhausted':
        endWritten = true;
        return event.forcedText;
      case 'answer-delta': {
        // The controller appends the end delimiter after a model-ended thinking without an
        // event; the README loop's final call writes it itself.
        const end = endWritten || mode === 'readme' ? '' : format.end;
        endWritten = true;
        return end + event.text;
      }
    }
  };

  return {
    start: (): ContentStreamPart[] => partsOf(parser.push(format.start)),
    map: (event: Exclude<BudgetForcingEvent, { type: 'done' }>): ContentStreamPart[] =>
      partsOf(parser.push(textOf(event))),
    end: (): ContentStreamPart[] => {
      const parts = partsOf(parser.end());
      if (reasoningOpen) parts.push({ type: 'reasoning-end', id: reasoningId });
      if (textOpen) parts.push({ type: 'text-end', id: textId });
      return parts;
    },
  };
}
