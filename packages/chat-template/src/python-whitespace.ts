/**
 * The characters of Python's `str.isspace()`: what `str.strip()` and `str.split()` with no
 * argument, and `re`'s `\s`, treat as whitespace. JavaScript's `trim()` and `\s` differ: they
 * lack U+001C–U+001F and U+0085 and add U+FEFF. Code that must match a Python reference byte
 * for byte uses these.
 */
export const pythonWhitespace =
  '\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/**
 * `pythonWhitespace` as the body of a RegExp character class, each character escaped.
 *
 * @example
 * const pythonSpaceRun = new RegExp(`[${pythonWhitespaceClass}]+`);
 * 'a\u001cb'.split(pythonSpaceRun); // ['a', 'b'], as Python's 'a\x1cb'.split()
 */
export const pythonWhitespaceClass = Array.from(
  pythonWhitespace,
  (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
).join('');
