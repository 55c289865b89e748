import type { LiteralScanner } from './literal-scanner';

// Python's numeric literal grammar (https://docs.python.org/3/reference/lexical_analysis.html):
// underscores only between digits, no leading zeros on non-zero decimal integers.
const digits = '[0-9](?:_?[0-9])*';
const exponent = `[eE][+-]?${digits}`;
const floatLiteral = `(?:(?:${digits})?\\.${digits}(?:${exponent})?|${digits}\\.(?:${exponent})?|${digits}${exponent})`;
const integerLiteral =
  '(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?[0-9])*|0+(?:_?0)*)';
const numberPattern = new RegExp(`^(?:(${floatLiteral})|(${integerLiteral}))([0-9a-zA-Z_.]?)`);

/** Whether a number literal starts here (a digit, or a dot followed by a digit). */
export function atNumberLiteral(scanner: LiteralScanner): boolean {
  return /^(?:[0-9]|\.[0-9])/.test(scanner.text.slice(scanner.offset, scanner.offset + 2));
}

/**
 * Reads an int or float literal. Integers beyond `Number.MAX_SAFE_INTEGER` become `bigint` so no
 * digit is lost; complex literals (`1j`) are refused.
 */
export function readNumberLiteral(scanner: LiteralScanner, negative: boolean): number | bigint {
  const start = scanner.offset;
  const match = numberPattern.exec(scanner.text.slice(start));
  const [, float, integer, trailing] = match ?? [];
  const literal = float ?? integer ?? '';
  if (!literal || trailing) {
    const reason = /^[jJ]$/.test(trailing ?? '')
      ? 'complex numbers are not supported'
      : 'invalid number literal';
    scanner.fail(reason, start + literal.length);
  }
  scanner.offset += literal.length;
  const sign = negative ? -1 : 1;
  if (float !== undefined) return sign * Number(float.replaceAll('_', ''));
  const value = BigInt(literal.replaceAll('_', '').replace(/^0+(?=\d)/, ''));
  const signed = negative ? -value : value;
  const isSafe =
    signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER);
  return isSafe ? Number(signed) : signed;
}
