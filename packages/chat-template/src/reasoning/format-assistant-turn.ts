import { pythonStrip } from '../python-strip';
import {
  type ReasoningFormat,
  type ReasoningFormatName,
  resolveReasoningFormat,
} from './reasoning-format';

/** One assistant turn's thinking and answer, for {@link formatAssistantTurn}. */
export interface AssistantTurn {
  /** The thinking; a list (s1K's `thinking_trajectories`) is joined with newlines. */
  thinking: string | readonly string[];
  /** The answer; the format's `answerLabel` is prepended unless it already contains it. */
  answer: string;
}

/**
 * Builds the assistant content of one turn in a reasoning format. For s1 this is exactly the
 * reference (`data/tokenization.py` in github.com/simplescaling/s1): `<|im_start|>think\n` +
 * thinking joined with "\n" and stripped + `\n<|im_start|>answer\n` + the answer, prefixed with
 * `"Answer: "` unless it contains `"Answer:"`, then stripped. Stripping follows Python's
 * `str.strip()`.
 *
 * @example
 * formatAssistantTurn({ thinking: ['r appears 3 times.'], answer: '3' }, 's1');
 * // '<|im_start|>think\nr appears 3 times.\n<|im_start|>answer\nAnswer: 3'
 */
export function formatAssistantTurn(
  { thinking, answer }: AssistantTurn,
  format: ReasoningFormatName | ReasoningFormat = 's1',
): string {
  const { start, end, thinkingPrefix, thinkingSuffix, answerPrefix, answerLabel } =
    resolveReasoningFormat(format);
  const thinkingText = typeof thinking === 'string' ? thinking : thinking.join('\n');
  const labelText = pythonStrip(answerLabel, 'end');
  const labelled =
    answerLabel !== '' && !answer.includes(labelText) ? answerLabel + answer : answer;
  return (
    start +
    thinkingPrefix +
    pythonStrip(thinkingText) +
    thinkingSuffix +
    end +
    answerPrefix +
    pythonStrip(labelled)
  );
}
