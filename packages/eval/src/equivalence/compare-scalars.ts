import { type BoxedExpression, ComputeEngine } from '@cortex-js/compute-engine';
import { exactRational, rationalToNumber, sameRational } from './exact-rational';
import { seededPoints } from './seeded-points';

export type ScalarRule = 'normalized' | 'text' | 'base' | 'numeric' | 'symbolic';

export interface ScalarComparison {
  equal: boolean;
  reason: ScalarRule;
}

export interface NumericOptions {
  tolerance: number;
  seed: number;
}

// Longer inputs are not answers but garbage; parsing them only costs time.
const maxParsedLength = 400;
const pointCount = 6;
const minComparedPoints = 3;
const baseNumeral = /^([0-9A-Za-z]+)_\{?(\d+)\}?$/;
const word = /^[a-zA-Z]{2,}$/;
const textGroup = /\\text\{([^{}]*)\}/g;

let engine: ComputeEngine | undefined;

/**
 * Compares two normalised scalars: as strings, as words, as base-`b` numerals, as exact
 * rationals, then with the compute engine (numerically for constants, at seeded points for
 * expressions with free variables).
 */
export function compareScalars(a: string, b: string, options: NumericOptions): ScalarComparison {
  if (a === b) return { equal: true, reason: 'normalized' };
  if (a.includes('\\text') || b.includes('\\text') || word.test(a) || word.test(b))
    return { equal: textKey(a) === textKey(b), reason: 'text' };
  const baseA = baseNumeral.exec(a);
  const baseB = baseNumeral.exec(b);
  if (baseA !== null || baseB !== null)
    return { equal: sameBaseNumeral(baseA, baseB, a, b), reason: 'base' };

  const rationalA = exactRational(a);
  const rationalB = exactRational(b);
  if (rationalA !== undefined && rationalB !== undefined)
    return { equal: sameRational(rationalA, rationalB), reason: 'numeric' };
  if (a.length > maxParsedLength || b.length > maxParsedLength)
    return { equal: false, reason: 'normalized' };

  engine ??= new ComputeEngine();
  const ce = engine;
  // A mixed number like `1\frac{4}{5}` must not reach the engine, which reads a product.
  const parsedA = rationalA === undefined ? ce.parse(a) : ce.number(rationalToNumber(rationalA));
  const parsedB = rationalB === undefined ? ce.parse(b) : ce.number(rationalToNumber(rationalB));
  if (!parsedA.isValid || !parsedB.isValid) return { equal: false, reason: 'normalized' };

  // Both sides' free variables together: `x + y` and `x + z` differ at the sample points.
  const unknowns = [...new Set([...parsedA.unknowns, ...parsedB.unknowns])].sort();
  if (unknowns.length === 0)
    return { equal: sameConstant(parsedA, parsedB, options.tolerance), reason: 'numeric' };
  if (parsedA.isEqual(parsedB) === true) return { equal: true, reason: 'symbolic' };
  return {
    equal: sameAtSeededPoints(ce, parsedA, parsedB, unknowns, options),
    reason: 'symbolic',
  };
}

/**
 * Whether `a = k·b` for one constant `k ≠ 0` at every seeded point: `lhs - rhs` of two equivalent
 * equations. Both must have the same free variables.
 */
export function proportional(a: string, b: string, options: NumericOptions): boolean {
  engine ??= new ComputeEngine();
  const ce = engine;
  const parsedA = ce.parse(a);
  const parsedB = ce.parse(b);
  if (!parsedA.isValid || !parsedB.isValid) return false;
  const unknowns = [...parsedA.unknowns].sort();
  if (unknowns.length === 0 || unknowns.join() !== [...parsedB.unknowns].sort().join())
    return false;
  const ratios = valuesAtSeededPoints(ce, [parsedA, parsedB], unknowns, options.seed).flatMap(
    ([valueA, valueB]) =>
      valueA !== undefined &&
      valueB !== undefined &&
      valueB.im === 0 &&
      valueA.im === 0 &&
      valueB.re !== 0
        ? [valueA.re / valueB.re]
        : [],
  );
  const first = ratios[0];
  return (
    first !== undefined &&
    first !== 0 &&
    ratios.length >= minComparedPoints &&
    ratios.every((ratio) => close(ratio, first, options.tolerance))
  );
}

/** Case-insensitive text of an answer with `\text{…}` unwrapped, `(C)` read as `C`. */
function textKey(latex: string): string {
  return latex
    .replace(textGroup, '$1')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^\((.)\)$/, '$1');
}

// The graders give bases the benefit of the doubt: `52_8` matches `52`, not `42`.
function sameBaseNumeral(
  baseA: RegExpExecArray | null,
  baseB: RegExpExecArray | null,
  a: string,
  b: string,
): boolean {
  const digitsA = (baseA?.[1] ?? a).toLowerCase();
  const digitsB = (baseB?.[1] ?? b).toLowerCase();
  const radixA = baseA?.[2];
  const radixB = baseB?.[2];
  return digitsA === digitsB && (radixA === undefined || radixB === undefined || radixA === radixB);
}

function sameConstant(a: BoxedExpression, b: BoxedExpression, tolerance: number): boolean {
  const valueA = a.N();
  const valueB = b.N();
  const [reA, imA, reB, imB] = [valueA.re, valueA.im, valueB.re, valueB.im];
  if ([reA, imA, reB, imB].some((part) => Number.isNaN(part))) return a.isSame(b);
  // Overflowed constants (10^{400}) are only equal when the exact forms are.
  if (![reA, imA, reB, imB].every(Number.isFinite)) return a.isSame(b);
  return close(reA, reB, tolerance) && close(imA, imB, tolerance);
}

function sameAtSeededPoints(
  ce: ComputeEngine,
  a: BoxedExpression,
  b: BoxedExpression,
  unknowns: readonly string[],
  { tolerance, seed }: NumericOptions,
): boolean {
  let compared = 0;
  for (const [valueA, valueB] of valuesAtSeededPoints(ce, [a, b], unknowns, seed)) {
    if (valueA === undefined || valueB === undefined) continue;
    if (!close(valueA.re, valueB.re, tolerance) || !close(valueA.im, valueB.im, tolerance))
      return false;
    compared++;
  }
  return compared >= minComparedPoints;
}

interface ComplexValue {
  re: number;
  im: number;
}

/** The values of each expression at the seeded points; `undefined` where not finite. */
function valuesAtSeededPoints(
  ce: ComputeEngine,
  expressions: readonly BoxedExpression[],
  unknowns: readonly string[],
  seed: number,
): (ComplexValue | undefined)[][] {
  const values = seededPoints(seed, pointCount * unknowns.length);
  return Array.from({ length: pointCount }, (_, point) => {
    const substitution = Object.fromEntries(
      unknowns.map((name, index) => [
        name,
        ce.number(values[point * unknowns.length + index] ?? 0),
      ]),
    );
    return expressions.map((expression) => {
      const { re, im } = expression.subs(substitution).N();
      return Number.isFinite(re) && Number.isFinite(im) ? { re, im } : undefined;
    });
  });
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}
