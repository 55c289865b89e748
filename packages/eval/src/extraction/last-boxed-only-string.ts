import { validate } from '@s1/errors';
import { type FidelityOptions, fidelityOptionsSchema } from './fidelity';

const spacedBoxed = '\\boxed ';
// A command name ends at the first non-letter; `\boxedx` is another command.
const boxCommand = /\\(?:boxed|fbox)(?![a-zA-Z])/g;

/**
 * The last `\boxed{…}` (else `\fbox{…}`) in `text`, braces included, or `undefined` when there
 * is none or it never closes. Unwrap the result with {@link removeBoxed}.
 *
 * - `'reference'` is the harness's `last_boxed_only_string`: if `"\boxed "` (with a space)
 *   occurs anywhere it wins, returning `"\boxed "` + the text after its last occurrence up to the
 *   first `$`; otherwise it counts every brace, escaped or not, from the last `\boxed` (any
 *   command starting so) or, failing that, the last `\fbox`.
 * - `'fixed'` takes whichever of `\boxed{`, `\boxed …` and `\fbox{` comes last, skips
 *   `\{` / `\}` when matching braces, and ends the spaced form at `$` or a line break.
 *
 * @example
 * lastBoxedOnlyString('so $\\boxed{\\frac{1}{2}}$.'); // '\\boxed{\\frac{1}{2}}'
 */
export function lastBoxedOnlyString(text: string, options?: FidelityOptions): string | undefined {
  const { fidelity = 'fixed' } = validate(fidelityOptionsSchema, options ?? {}, 'options');
  return fidelity === 'reference' ? referenceLastBox(text) : fixedLastBox(text);
}

function referenceLastBox(text: string): string | undefined {
  const spaced = text.lastIndexOf(spacedBoxed);
  if (spaced !== -1) {
    const rest = text.slice(spaced + spacedBoxed.length);
    return spacedBoxed + rest.slice(0, indexOrEnd(rest, '$'));
  }
  let start = text.lastIndexOf('\\boxed');
  if (start === -1) start = text.lastIndexOf('\\fbox');
  if (start === -1) return undefined;
  // The harness's counter: a `}` before any `{` drives it negative, and it only stops on a `}`
  // that brings it back to exactly zero.
  let open = 0;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '{') open++;
    if (char === '}') {
      open--;
      if (open === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}

function fixedLastBox(text: string): string | undefined {
  const start = [...text.matchAll(boxCommand)].at(-1)?.index;
  if (start === undefined) return undefined;
  let index = start + 1;
  while (/[a-zA-Z]/.test(text.charAt(index))) index++;
  const afterCommand = index;
  while (text.charAt(index) === ' ') index++;
  if (text.charAt(index) !== '{') {
    if (index === afterCommand) return undefined;
    const rest = text.slice(index);
    const content = rest.slice(0, Math.min(indexOrEnd(rest, '$'), indexOrEnd(rest, '\n')));
    return content.trim() === '' ? undefined : `${text.slice(start, index)}${content.trimEnd()}`;
  }
  const close = matchingBrace(text, index);
  return close === undefined ? undefined : text.slice(start, close + 1);
}

/** Index of the `}` closing the `{` at `open`, skipping escaped braces. */
function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return undefined;
}

function indexOrEnd(text: string, search: string): number {
  const index = text.indexOf(search);
  return index === -1 ? text.length : index;
}
