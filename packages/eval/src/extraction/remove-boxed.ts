import { validate } from '@s1/errors';
import { type FidelityOptions, fidelityOptionsSchema } from './fidelity';
import { MalformedBoxError } from './malformed-box-error';

const spacedBoxed = '\\boxed ';
const bracedBoxed = '\\boxed{';
// `\boxed {x}`, `\fbox{x}` and `\fbox x` are boxes too once the quirks are fixed.
const fixedBraced = /^\\(?:boxed|fbox) *\{/;
const fixedSpaced = /^\\(?:boxed|fbox) +/;

/**
 * The content of a box returned by {@link lastBoxedOnlyString}.
 *
 * `'reference'` is the harness's `remove_boxed`: it strips `"\boxed "` when that occurs anywhere
 * in `box`, else `"\boxed{"` and the last `"}"`, and throws {@link MalformedBoxError} where the
 * harness's assertion fails (an `\fbox{…}` box, for one). `'fixed'` also unwraps `\fbox{…}` and
 * `\boxed {…}`.
 *
 * @example
 * removeBoxed('\\boxed{\\frac{1}{2}}'); // '\\frac{1}{2}'
 */
export function removeBoxed(box: string, options?: FidelityOptions): string {
  const { fidelity = 'fixed' } = validate(fidelityOptionsSchema, options ?? {}, 'options');
  if (fidelity === 'reference') {
    if (box.includes(spacedBoxed)) {
      if (!box.startsWith(spacedBoxed))
        throw new MalformedBoxError({ box, expected: 'a "\\boxed " prefix' });
      return box.slice(spacedBoxed.length);
    }
    if (!box.startsWith(bracedBoxed) || !box.endsWith('}'))
      throw new MalformedBoxError({ box, expected: '"\\boxed{…}"' });
    return box.slice(bracedBoxed.length, -1);
  }
  const braced = fixedBraced.exec(box);
  if (braced !== null && box.endsWith('}')) return box.slice(braced[0].length, -1);
  const spaced = fixedSpaced.exec(box);
  if (spaced !== null) return box.slice(spaced[0].length).trim();
  throw new MalformedBoxError({ box, expected: '"\\boxed{…}", "\\fbox{…}" or "\\boxed …"' });
}
