import { validate } from '@s1/errors';
import { type FidelityOptions, fidelityOptionsSchema } from './fidelity';

/** A GPQA choice letter. */
export type GpqaChoice = 'A' | 'B' | 'C' | 'D';

const choices: readonly string[] = ['A', 'B', 'C', 'D'];
// A lone letter, possibly as `(B)`, `B)`, `B.`, `\text{B}`, `\textbf{(B)}` or `**B**`.
const decoratedLetter = /^(?:\\text(?:bf)?\{)?\(?([a-dA-D])\)?\.?\}?$/;

/**
 * The GPQA choice letter of an extracted answer, as `process_results` of the s1 harness's
 * `eval/lm-evaluation-harness/lm_eval/tasks/gpqa/openai/utils.py` (github.com/simplescaling/s1)
 * reads it, without the LLM judge.
 *
 * `'reference'`: a lowercase `a`–`d` is upper-cased, and anything else that is not exactly
 * `A`–`D` (no trimming) defaults to `'A'`, as the harness does. `'fixed'` also reads decorated
 * letters like ` (b) ` or `\text{C}` and returns `undefined` instead of guessing `'A'`.
 *
 * @example
 * gpqaChoice('c'); // 'C'
 * gpqaChoice('I pick (B).'); // undefined
 * gpqaChoice('I pick (B).', { fidelity: 'reference' }); // 'A'
 */
export function gpqaChoice(
  answer: string | undefined,
  options?: FidelityOptions,
): GpqaChoice | undefined {
  const { fidelity = 'fixed' } = validate(fidelityOptionsSchema, options ?? {}, 'options');
  if (fidelity === 'reference') {
    const letter = answer !== undefined && /^[a-d]$/.test(answer) ? answer.toUpperCase() : answer;
    return letter !== undefined && isChoice(letter) ? letter : 'A';
  }
  const bare = (answer ?? '')
    .trim()
    .replace(/^\$|\$$/g, '')
    .replace(/^\*\*|\*\*$/g, '')
    .trim();
  const letter = decoratedLetter.exec(bare)?.[1]?.toUpperCase();
  return letter !== undefined && isChoice(letter) ? letter : undefined;
}

function isChoice(letter: string): letter is GpqaChoice {
  return choices.includes(letter);
}
