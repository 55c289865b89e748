import { InvalidArgumentError, InvalidStateError } from '@s1/errors';
import type { Tokenizer } from '../tokenizer/tokenizer';
import {
  type ReasoningFormat,
  type ReasoningFormatName,
  resolveReasoningFormat,
} from './reasoning-format';
import type { ReasoningSplit, SplitReasoningOptions } from './split-reasoning';

/**
 * What a {@link ReasoningParser} reports: thinking opened, a piece of thinking, thinking closed,
 * a piece of the answer. Deltas carry text with the format's delimiters and separators removed.
 */
export type ReasoningEvent =
  | {
      /** Thinking opened. */
      type: 'thinking-start';
    }
  | {
      /** A piece of thinking. */
      type: 'thinking-delta';
      /** The new thinking text. */
      text: string;
    }
  | {
      /** Thinking closed. */
      type: 'thinking-end';
    }
  | {
      /** A piece of the answer. */
      type: 'answer-delta';
      /** The new answer text. */
      text: string;
    };

/**
 * Splits streamed output into thinking and answer as it arrives; see {@link createReasoningParser}.
 */
export interface ReasoningParser {
  /** Feeds the next piece of text; returns the events it completes. */
  push(text: string): ReasoningEvent[];
  /** Feeds token ids, decoded with the parser's tokenizer (special tokens kept). */
  pushTokens(ids: number | readonly number[]): ReasoningEvent[];
  /** Ends the input and releases everything held back. */
  end(): ReasoningEvent[];
  /** What has been parsed so far; after `end()` it equals `splitReasoning` of the whole text. */
  readonly result: Readonly<ReasoningSplit>;
}

/** Options of {@link createReasoningParser}. */
export interface ReasoningParserOptions extends SplitReasoningOptions {
  /** The reasoning format: a built-in format's name or a format object. */
  format: ReasoningFormatName | ReasoningFormat;
  /** Needed for `pushTokens`. */
  tokenizer?: Tokenizer | undefined;
}

type Phase =
  | 'before-thinking'
  | 'thinking-prefix'
  | 'thinking'
  | 'end-check'
  | 'answer-prefix'
  | 'answer';

const leadingWhitespace = /^\s*/;

/**
 * An incremental `splitReasoning`: it holds back only text that could still turn out to be a
 * delimiter or a separator, so delimiters split across chunks (or across tokens, or inside a
 * multi-byte character) parse exactly as in the whole text.
 *
 * @example
 * const parser = createReasoningParser({ format: 's1' });
 * parser.push('<|im_start|>think\nr is 3\n<|im_st'); // thinking-start, thinking-delta 'r is 3'
 * parser.push('art|>answer\nAnswer: 3');            // thinking-end, answer-delta 'Answer: 3'
 */
export function createReasoningParser(options: ReasoningParserOptions): ReasoningParser {
  const { start, end, endDetection, thinkingPrefix, thinkingSuffix, answerPrefix } =
    resolveReasoningFormat(options.format);
  const decodeStream = options.tokenizer?.createDecodeStream();
  const result: ReasoningSplit = { thinking: '', answer: '', thinkingClosed: false };
  let phase: Phase = options.startInThinking ? 'thinking-prefix' : 'before-thinking';
  let thinkingStarted = false;
  let ended = false;
  let buffer = '';
  let events: ReasoningEvent[] = [];

  const startThinking = () => {
    if (thinkingStarted) return;
    thinkingStarted = true;
    events.push({ type: 'thinking-start' });
  };
  const emitThinking = (text: string) => {
    if (text === '') return;
    result.thinking += text;
    events.push({ type: 'thinking-delta', text });
  };
  const emitAnswer = (text: string) => {
    if (text === '') return;
    result.answer += text;
    events.push({ type: 'answer-delta', text });
  };
  // Longest tail of the buffer that could begin `thinkingSuffix + endDetection`.
  const heldBackLength = (): number => {
    let longest = 0;
    for (const pattern of [endDetection, thinkingSuffix + endDetection]) {
      for (let length = Math.min(buffer.length, pattern.length - 1); length > longest; length--) {
        if (buffer.endsWith(pattern.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  };
  // Whether the buffer is still a proper beginning of `separator`, so more input could complete it.
  const mayBecome = (separator: string) =>
    separator.length > buffer.length && separator.startsWith(buffer);

  const advance = (final: boolean) => {
    for (;;) {
      switch (phase) {
        case 'before-thinking': {
          const rest = buffer.slice(leadingWhitespace.exec(buffer)?.[0].length ?? 0);
          if (rest.startsWith(start)) {
            buffer = rest.slice(start.length);
            phase = 'thinking-prefix';
            continue;
          }
          if (!final && (rest === '' || start.startsWith(rest))) return;
          phase = 'answer';
          continue;
        }
        case 'thinking-prefix':
          startThinking();
          if (thinkingPrefix !== '' && buffer.startsWith(thinkingPrefix))
            buffer = buffer.slice(thinkingPrefix.length);
          else if (!final && mayBecome(thinkingPrefix)) return;
          phase = 'thinking';
          continue;
        case 'thinking': {
          const detectedAt = buffer.indexOf(endDetection);
          if (detectedAt !== -1) {
            let thinking = buffer.slice(0, detectedAt);
            if (thinkingSuffix !== '' && thinking.endsWith(thinkingSuffix))
              thinking = thinking.slice(0, -thinkingSuffix.length);
            emitThinking(thinking);
            result.thinkingClosed = true;
            events.push({ type: 'thinking-end' });
            buffer = buffer.slice(detectedAt);
            phase = 'end-check';
            continue;
          }
          const held = final ? 0 : heldBackLength();
          emitThinking(buffer.slice(0, buffer.length - held));
          buffer = buffer.slice(buffer.length - held);
          return;
        }
        case 'end-check':
          if (buffer.startsWith(end)) {
            buffer = buffer.slice(end.length);
            phase = 'answer-prefix';
            continue;
          }
          if (!final && mayBecome(end)) return;
          phase = 'answer';
          continue;
        case 'answer-prefix':
          if (answerPrefix !== '' && buffer.startsWith(answerPrefix))
            buffer = buffer.slice(answerPrefix.length);
          else if (!final && mayBecome(answerPrefix)) return;
          phase = 'answer';
          continue;
        case 'answer':
          emitAnswer(buffer);
          buffer = '';
          return;
      }
    }
  };

  const run = (text: string, final: boolean): ReasoningEvent[] => {
    if (ended) {
      throw new InvalidStateError({
        message: 'The reasoning parser has ended; create a new parser for new input.',
      });
    }
    buffer += text;
    advance(final);
    ended = final;
    const completed = events;
    events = [];
    return completed;
  };

  return {
    push: (text) => run(text, false),
    pushTokens(ids) {
      if (decodeStream === undefined) {
        throw new InvalidArgumentError({
          argument: 'reasoning parser options',
          issues: [
            {
              path: 'tokenizer',
              message: 'pushTokens needs a tokenizer: createReasoningParser({ format, tokenizer })',
            },
          ],
        });
      }
      return run(decodeStream.push(ids), false);
    },
    end: () => run(decodeStream?.flush() ?? '', true),
    result,
  };
}
