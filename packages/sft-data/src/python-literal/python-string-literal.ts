import type { LiteralScanner } from './literal-scanner';

const simpleEscapes: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const hexEscapeLengths: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Whether a string literal (with an optional `r`/`u`/`b`/`f` prefix) starts here. */
export function atStringLiteral(scanner: LiteralScanner): boolean {
  return /^[rRuUbBfF]{0,2}['"]/.test(scanner.text.slice(scanner.offset, scanner.offset + 3));
}

/**
 * Reads one string literal at the scanner, with Python's prefixes, quotes and escape rules, and
 * returns its value. Bytes and f-strings are refused: neither is data `ast.literal_eval` returns
 * as text.
 */
export function readStringLiteral(scanner: LiteralScanner): string {
  const start = scanner.offset;
  let prefix = '';
  while (/[rRuUbBfF]/.test(scanner.peek())) prefix += scanner.text.charAt(scanner.offset++);
  const lowerPrefix = prefix.toLowerCase();
  if (lowerPrefix.includes('b')) scanner.fail('byte strings are not supported', start);
  if (lowerPrefix.includes('f')) scanner.fail('f-strings are not literals', start);
  if (!['', 'r', 'u'].includes(lowerPrefix))
    scanner.fail(`invalid string prefix '${prefix}'`, start);
  const raw = lowerPrefix === 'r';

  const quoteChar = scanner.peek();
  const quote = scanner.startsWith(quoteChar.repeat(3)) ? quoteChar.repeat(3) : quoteChar;
  scanner.offset += quote.length;
  let value = '';
  for (;;) {
    if (scanner.atEnd()) scanner.fail('unterminated string literal', start);
    if (scanner.startsWith(quote)) {
      scanner.offset += quote.length;
      return value;
    }
    const char = scanner.peek();
    if (char === '\n' && quote.length === 1) scanner.fail('unterminated string literal', start);
    if (char !== '\\') {
      value += char;
      scanner.offset++;
    } else if (raw) {
      // A backslash in a raw string stays, and keeps the next character (even a quote) with it.
      if (scanner.offset + 1 >= scanner.text.length)
        scanner.fail('unterminated string literal', start);
      value += scanner.text.slice(scanner.offset, scanner.offset + 2);
      scanner.offset += 2;
    } else {
      value += readEscape(scanner);
    }
  }
}

function readEscape(scanner: LiteralScanner): string {
  const escapeStart = scanner.offset;
  const kind = scanner.peek(1);
  scanner.offset += 2;
  if (kind === '\n') return '';
  const simple = simpleEscapes[kind];
  if (simple !== undefined) return simple;
  if (/[0-7]/.test(kind)) {
    const digits =
      kind +
      (/^[0-7]{0,2}/.exec(scanner.text.slice(scanner.offset, scanner.offset + 2))?.[0] ?? '');
    scanner.offset += digits.length - 1;
    return String.fromCodePoint(Number.parseInt(digits, 8));
  }
  const hexLength = hexEscapeLengths[kind];
  if (hexLength !== undefined) {
    const digits = scanner.text.slice(scanner.offset, scanner.offset + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) {
      scanner.fail(`truncated \\${kind} escape`, escapeStart);
    }
    const codePoint = Number.parseInt(digits, 16);
    if (codePoint > 0x10ffff) scanner.fail(`\\${kind} escape beyond U+10FFFF`, escapeStart);
    scanner.offset += hexLength;
    return String.fromCodePoint(codePoint);
  }
  if (kind === 'N') scanner.fail('\\N{name} escapes are not supported', escapeStart);
  if (kind === '') scanner.fail('unterminated string literal', escapeStart);
  // Python keeps unknown escapes such as `\d` or `\p` as they are (with a warning).
  return `\\${kind}`;
}
