/** An exact rational number; `denominator` is positive. */
export interface ExactRational {
  numerator: bigint;
  denominator: bigint;
}

const decimal = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const fraction =
  /^([+-]?)(?:(\d+)\\frac\{([^{}]+)\}\{([^{}]+)\}|\\frac\{([^{}]+)\}\{([^{}]+)\}|([^/]+)\/([^/]+))$/;

/**
 * Reads integers (`073`), decimals (`.5`, `2.50`), `a/b`, `\frac{a}{b}` and mixed numbers
 * (`1\frac{4}{5}`, which LaTeX would read as a product) exactly; anything else is `undefined`.
 */
export function exactRational(latex: string): ExactRational | undefined {
  const plain = decimalRational(latex);
  if (plain !== undefined) return plain;
  const match = fraction.exec(latex);
  if (match === null) return undefined;
  const [, sign, whole, mixedTop, mixedBottom, top, bottom, slashTop, slashBottom] = match;
  const numerator = decimalRational(mixedTop ?? top ?? slashTop ?? '');
  const denominator = decimalRational(mixedBottom ?? bottom ?? slashBottom ?? '');
  if (numerator === undefined || denominator === undefined || denominator.numerator === 0n)
    return undefined;
  let value = divide(numerator, denominator);
  if (whole !== undefined) {
    if (value.numerator < 0n) return undefined;
    value = {
      numerator: BigInt(whole) * value.denominator + value.numerator,
      denominator: value.denominator,
    };
  }
  return sign === '-' ? { ...value, numerator: -value.numerator } : value;
}

export function sameRational(a: ExactRational, b: ExactRational): boolean {
  return a.numerator * b.denominator === b.numerator * a.denominator;
}

export function rationalToNumber(value: ExactRational): number {
  return Number(value.numerator) / Number(value.denominator);
}

function decimalRational(text: string): ExactRational | undefined {
  const match = decimal.exec(text);
  if (match === null) return undefined;
  const [, sign, whole = '', fractionDigits = ''] = match;
  if (whole === '' && fractionDigits === '') return undefined;
  const numerator = BigInt(`${whole}${fractionDigits}` || '0');
  const value = {
    numerator: sign === '-' ? -numerator : numerator,
    denominator: 10n ** BigInt(fractionDigits.length),
  };
  return value;
}

function divide(a: ExactRational, b: ExactRational): ExactRational {
  const numerator = a.numerator * b.denominator;
  const denominator = a.denominator * b.numerator;
  return denominator < 0n
    ? { numerator: -numerator, denominator: -denominator }
    : { numerator, denominator };
}
