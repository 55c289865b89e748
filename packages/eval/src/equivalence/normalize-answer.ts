import { lastBoxedOnlyString } from '../extraction/last-boxed-only-string';
import { removeBoxed } from '../extraction/remove-boxed';

// Text commands whose argument is plain words; they all become `\text{…}`.
const textCommands =
  /\\(?:text|mbox|textbf|textit|textrm|textnormal|mathrm|mathbf|operatorname)\s*\{/g;
// Spacing and sizing commands that never change a value.
const spacing =
  /(?<!\\)\\(?:[!,;:> ]|quad|qquad|displaystyle|textstyle|left\.|right\.|left|right)(?![a-zA-Z])/g;
const unicodeSymbols: readonly (readonly [RegExp, string])[] = [
  [/π/g, '\\pi '],
  [/∞/g, '\\infty '],
  [/[−–]/g, '-'],
  [/×/g, '\\times '],
  [/·/g, '\\cdot '],
  [/√/g, '\\sqrt'],
  [/≤/g, '\\le '],
  [/≥/g, '\\ge '],
];
// A unit after a value: `\text{ cm}^2`, `\text{ degrees}` (run after `\mbox` became `\text`).
const trailingTextUnit = /^(.*?\S)\s*\\text\{[^{}]*\}(?:\^\{?\d\}?)?$/s;
// Spelled-out units after a number; single letters stay, they may be variables.
const trailingWordUnit =
  /^(.*?[\d}.])\s*(?:square\s+)?(?:units?|degrees?|cm|centimeters?|meters?|km|kilometers?|inch(?:es)?|feet|foot|ft|yards?|miles?|mph|dollars?|cents?|hours?|minutes?|seconds?|days?|weeks?|years?)(?:\^\{?\d\}?)?$/s;
const thousands = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * A canonical string for a final answer: the box and math delimiters, spacing, `\left`/`\right`,
 * degree and percent signs, units, `\$` and thousands separators are dropped; `\dfrac` and
 * `\tfrac` become `\frac`; `\mbox` and friends become `\text`; `\frac12` gets its braces.
 * Whitespace is removed except where it ends a command (`\cot x`).
 *
 * @example
 * normalizeAnswer('$\\boxed{\\dfrac12\\text{ cm}}$'); // '\\frac{1}{2}'
 */
export function normalizeAnswer(answer: string): string {
  let text = answer
    .trim()
    .replace(/^\$+|\$+$/g, '')
    .trim();
  const box =
    text.startsWith('\\boxed') || text.startsWith('\\fbox') ? lastBoxedOnlyString(text) : undefined;
  if (box !== undefined && box.length === text.length) text = removeBoxed(box);
  for (const [symbol, latex] of unicodeSymbols) text = text.replace(symbol, latex);
  text = text
    .replace(/\\\$|\$|\\\(|\\\)|\\\[|\\\]/g, '')
    .replace(/,\\!\s*/g, '')
    .replace(/\{,\}/g, ',')
    .replace(spacing, ' ')
    .replace(/\\[dt]frac(?![a-zA-Z])/g, '\\frac')
    .replace(textCommands, '\\text{')
    .replace(/\\text\{\s*(?:or|and)\s*\}/g, ',')
    .replace(/\^\s*\{?\s*\\circ\s*\}?|°|\\degree(?![a-zA-Z])/g, '')
    .replace(/\\?%/g, '')
    .trim()
    .replace(/\.$/, '')
    .trim();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(trailingTextUnit, '$1').replace(trailingWordUnit, '$1').trim();
  }
  if (thousands.test(text)) text = text.replace(/,/g, '');
  return text
    .replace(/(\\[a-zA-Z]+)?\s+(?=(.?))/g, (_, command: string | undefined, next: string) =>
      command === undefined ? '' : /[a-zA-Z0-9]/.test(next) ? `${command} ` : command,
    )
    .replace(/\\(frac|sqrt) ?(\d)(\d)?/g, (_, command: string, first: string, second?: string) =>
      command === 'frac'
        ? `\\frac{${first}}${second === undefined ? '' : `{${second}}`}`
        : `\\sqrt{${first}}${second ?? ''}`,
    )
    .replace(/\\frac(\{[^{}]*\})(\d)/g, '\\frac$1{$2}')
    .replace(/\\sqrt ?([a-zA-Z])(?![a-zA-Z])/g, '\\sqrt{$1}');
}
