import { pythonWhitespace } from './python-whitespace';

/** Python's `str.strip()` / `lstrip()` / `rstrip()` with no argument. */
export function pythonStrip(text: string, side: 'both' | 'start' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (side !== 'end') while (start < end && pythonWhitespace.includes(text.charAt(start))) start++;
  if (side !== 'start')
    while (end > start && pythonWhitespace.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
