// The characters Python's str.strip() removes (str.isspace()). JavaScript's trim() differs:
// it keeps U+001C–U+001F and U+0085 and removes U+FEFF. Formats that must match the Python
// reference byte for byte strip with this.
const pythonWhitespace =
  '\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's `str.strip()` / `lstrip()` / `rstrip()` with no argument. */
export function pythonStrip(text: string, side: 'both' | 'start' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (side !== 'end') while (start < end && pythonWhitespace.includes(text.charAt(start))) start++;
  if (side !== 'start')
    while (end > start && pythonWhitespace.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
