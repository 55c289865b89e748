import { validate } from '@s1/errors';
import { answerAfterLabel } from './answer-label';
import { answerSegment } from './answer-segment';
import { type FidelityOptions, fidelityOptionsSchema } from './fidelity';
import { lastBoxedOnlyString } from './last-boxed-only-string';
import { removeBoxed } from './remove-boxed';
import { tidyAnswer } from './tidy-answer';

/** The answer found in a response, the rule that found it, and the part that was graded. */
export interface ExtractedAnswer {
  /**
   * The extracted answer, or `undefined` when there is neither a box nor an `Answer:` label. The
   * reference harness then grades the whole `segment`: use `answer ?? segment` to reproduce it.
   */
  answer: string | undefined;
  /** Which rule found it. */
  source: 'boxed' | 'answer-label' | 'none';
  /** The graded part of the response (see `answerSegment`). */
  segment: string;
}

/**
 * Extracts the final answer from a model response as the s1 harness does (`process_results` of its
 * tasks, e.g. `eval/lm-evaluation-harness/lm_eval/tasks/openai_math/utils.py` in
 * github.com/simplescaling/s1): the segment after the answer header, then the last `\boxed{…}`,
 * else the text after `Answer:`.
 *
 * `fidelity: 'reference'` keeps the harness's quirks: the label capture runs to the end of the
 * text from the *first* `answer:`, nothing is trimmed, and an `\fbox{…}` hit throws
 * {@link MalformedBoxError} where the harness crashes. `'fixed'` (the default) reads the last
 * `Answer:` line, accepts `\fbox`, and trims `$…$` delimiters and a trailing period.
 *
 * @example
 * extractAnswer('<|im_start|>answer\nFinal Answer: $\\boxed{073}$');
 * // { answer: '073', source: 'boxed', segment: 'Final Answer: $\\boxed{073}$' }
 */
export function extractAnswer(response: string, options?: FidelityOptions): ExtractedAnswer {
  const { fidelity = 'fixed' } = validate(fidelityOptionsSchema, options ?? {}, 'options');
  const segment = answerSegment(response);
  const tidy = fidelity === 'reference' ? (answer: string) => answer : tidyAnswer;
  const box = lastBoxedOnlyString(segment, { fidelity });
  if (box !== undefined)
    return { answer: tidy(removeBoxed(box, { fidelity })), source: 'boxed', segment };
  const labelled = answerAfterLabel(segment, fidelity);
  if (labelled !== undefined) return { answer: tidy(labelled), source: 'answer-label', segment };
  return { answer: undefined, source: 'none', segment };
}
