/**
 * The characters of Python's `str.isspace()`, which are also what `re`'s `\s` and `str.split()`
 * use, as the body of a RegExp character class. JavaScript's `\s` adds U+FEFF and lacks
 * U+001C–U+001F and U+0085.
 */
export const pythonWhitespaceClass =
  '\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
