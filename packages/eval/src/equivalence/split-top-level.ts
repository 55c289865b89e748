const openers = '([{';
const closers = ')]}';

/**
 * Splits `text` at `separator` where it is outside every bracket. `(` and `[` may close with
 * either `)` or `]`, as in intervals; `\{` counts as a brace.
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (openers.includes(char)) depth++;
    else if (closers.includes(char)) depth--;
    else if (
      depth === 0 &&
      text.startsWith(separator, index) &&
      !continuesCommand(text, index, separator)
    ) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// `\in` must not match the start of `\infty`, nor `\pm` of `\pmod`.
function continuesCommand(text: string, index: number, separator: string): boolean {
  return /^\\[a-zA-Z]+$/.test(separator) && /[a-zA-Z]/.test(text.charAt(index + separator.length));
}

/** Whether the bracket opening at index 0 closes at the last character. */
export function isWrapped(text: string): boolean {
  if (text.length < 2 || !openers.includes(text.charAt(0))) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (openers.includes(char)) depth++;
    else if (closers.includes(char) && --depth === 0) return index === text.length - 1;
  }
  return false;
}
