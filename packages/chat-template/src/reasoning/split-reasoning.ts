import {
  type ReasoningFormat,
  type ReasoningFormatName,
  resolveReasoningFormat,
} from './reasoning-format';

/** Options of {@link splitReasoning}. */
export interface SplitReasoningOptions {
  /**
   * The prompt already opened thinking (it ends with the start delimiter, as the s1 harness
   * prompt does), so the text begins inside thinking. @default false
   */
  startInThinking?: boolean | undefined;
}

/** A model output split into thinking and answer, without delimiters and separators. */
export interface ReasoningSplit {
  /** The thinking; empty when the text did not open thinking. */
  thinking: string;
  /** The answer; the whole text when it did not open thinking. */
  answer: string;
  /** Whether thinking was closed (the format's end detection appeared). */
  thinkingClosed: boolean;
}

const leadingWhitespace = /^\s*/;

/**
 * Splits a model output into thinking and answer.
 *
 * - Thinking opens with the start delimiter at the beginning of the text (after whitespace), or
 *   at once with `startInThinking`; otherwise the whole text is the answer.
 * - Thinking closes at the first `endDetection`. If the full `end` delimiter follows, it is
 *   consumed and the answer starts after it; otherwise the answer starts at the detection text.
 * - One `thinkingPrefix`, one `thinkingSuffix` (closed thinking only) and one `answerPrefix`
 *   (after a full `end`) are stripped where present.
 *
 * @example
 * splitReasoning('<|im_start|>think\nr is 3\n<|im_start|>answer\nAnswer: 3', 's1');
 * // { thinking: 'r is 3', answer: 'Answer: 3', thinkingClosed: true }
 */
export function splitReasoning(
  text: string,
  format: ReasoningFormatName | ReasoningFormat,
  options: SplitReasoningOptions = {},
): ReasoningSplit {
  const { start, end, endDetection, thinkingPrefix, thinkingSuffix, answerPrefix } =
    resolveReasoningFormat(format);
  let thinkingStart: number;
  if (options.startInThinking) {
    thinkingStart = 0;
  } else {
    const whitespace = leadingWhitespace.exec(text)?.[0].length ?? 0;
    if (!text.startsWith(start, whitespace))
      return { thinking: '', answer: text, thinkingClosed: false };
    thinkingStart = whitespace + start.length;
  }
  if (thinkingPrefix !== '' && text.startsWith(thinkingPrefix, thinkingStart))
    thinkingStart += thinkingPrefix.length;

  const detectedAt = text.indexOf(endDetection, thinkingStart);
  if (detectedAt === -1)
    return { thinking: text.slice(thinkingStart), answer: '', thinkingClosed: false };

  let thinking = text.slice(thinkingStart, detectedAt);
  if (thinkingSuffix !== '' && thinking.endsWith(thinkingSuffix))
    thinking = thinking.slice(0, -thinkingSuffix.length);
  let answerStart = detectedAt;
  if (text.startsWith(end, detectedAt)) {
    answerStart += end.length;
    if (answerPrefix !== '' && text.startsWith(answerPrefix, answerStart))
      answerStart += answerPrefix.length;
  }
  return { thinking, answer: text.slice(answerStart), thinkingClosed: true };
}
