import { pythonWhitespaceClass } from '@s1/chat-template';
import type { ExtractionFidelity } from './fidelity';

// Python's `\s` on str is str.isspace(), not JavaScript's `\s`. The `u` + `i` flags fold like
// Python's IGNORECASE (`ſ` matches `s`).
const pythonSpace = `[${pythonWhitespaceClass}]`;
const referencePattern = new RegExp(`answer${pythonSpace}*:${pythonSpace}*([\\s\\S]*)`, 'iu');
// Markdown bold may close on either side of the colon: `**Answer:**`, `**Answer**:`.
const label = /answer(?:\*\*)?\s*:(?:\*\*)?/giu;

/**
 * The text after an `Answer:` label, or `undefined` without one: the last step of the s1
 * harness's extraction, its `ANSWER_PATTERN` fallback in `process_results` (e.g.
 * `eval/lm-evaluation-harness/lm_eval/tasks/openai_math/utils.py` in github.com/simplescaling/s1).
 *
 * `'reference'` is `re.findall(r"(?i)Answer\s*:\s*(.*)", text, re.DOTALL)[-1]`: the greedy
 * DOTALL capture makes it the rest of the text after the *first* label, unstripped. `'fixed'`
 * reads the line after the *last* label (the next non-blank line when it is empty).
 */
export function answerAfterLabel(text: string, fidelity: ExtractionFidelity): string | undefined {
  if (fidelity === 'reference') return referencePattern.exec(text)?.[1];
  const last = [...text.matchAll(label)].at(-1);
  if (last === undefined) return undefined;
  const lines = text.slice(last.index + last[0].length).split('\n');
  return lines.find((line) => line.trim() !== '') ?? '';
}
