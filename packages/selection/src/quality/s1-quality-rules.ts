import { pythonWhitespaceClass } from '@s1/chat-template';
import { predicateRule, type QualityRule, regexRule } from './quality-rule';

/**
 * The notebook's `\*\*(?=.*\d)[^\s\]]*\*\*` with Python `re` semantics: `.` stops only at `\n`
 * (JavaScript's also stops at `\r`, U+2028 and U+2029), `\d` is any Unicode Nd digit (not only
 * ASCII) and `\s` is Python's whitespace.
 */
const boldNumber = new RegExp(`\\*\\*(?=[^\\n]*\\p{Nd})[^${pythonWhitespaceClass}\\]]*\\*\\*`, 'u');

/**
 * The s1 "weird strings" filter (`data/filter.ipynb`), in the notebook's order: a question is
 * dropped if it contains `[asy]` or `![Image]`, a `p{i}.` for i in 1..999, or a bold run that
 * has a digit later on its line. Pair with the AIME `[asy]` exception of `checkQuality`.
 *
 * @example
 * checkQuality('Find **1**.', { source: 'numina' }); // { keep: false, rule: 'bold-number' }
 */
export const s1QualityRules: readonly QualityRule[] = [
  predicateRule('asy-figure', (question) => question.includes('[asy]')),
  predicateRule('image-link', (question) => question.includes('![Image]')),
  // Same as `any(f"p{i}." in question for i in range(1, 1000))`: ASCII digits, no leading 0.
  regexRule('p-number', /p[1-9][0-9]{0,2}\./),
  regexRule('bold-number', boldNumber),
];
