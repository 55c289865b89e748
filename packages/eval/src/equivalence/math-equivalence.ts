import { validate } from '@s1/errors';
import { z } from 'zod';
import { type AnswerStructure, answerStructure } from './answer-structure';
import {
  compareScalars,
  type NumericOptions,
  proportional,
  type ScalarRule,
} from './compare-scalars';
import { normalizeAnswer } from './normalize-answer';

/**
 * The rule that decided a comparison.
 *
 * @useDeclaredType
 */
export type EquivalenceRule =
  | 'identical'
  | ScalarRule
  | 'set'
  | 'interval'
  | 'tuple'
  | 'union'
  | 'matrix'
  | 'equation'
  | 'structure';

/** Whether two answers are equivalent, and the rule that decided it. */
export interface MathEquivalence {
  /** Whether they are equivalent. */
  equal: boolean;
  /** The rule that decided it. */
  reason: EquivalenceRule;
}

/** Options of {@link mathEqual}. */
export interface MathEqualOptions {
  /** Relative tolerance of numeric comparisons. @default 1e-6 */
  tolerance?: number | undefined;
  /** Seed of the sample points for expressions with free variables. @default 20250131 */
  seed?: number | undefined;
}

const optionsSchema = z.strictObject({
  tolerance: z.number().nonnegative().optional(),
  seed: z.number().int().optional(),
});

const variable = /^[a-zA-Z](?:_\{?[a-zA-Z0-9]+\}?)?$/;

/**
 * Whether two final answers are the same, offline and deterministically, with the rule that
 * decided (see {@link mathEqual} for what is recognised). Never throws on malformed answers:
 * what cannot be parsed is compared as a normalised string.
 *
 * @example
 * mathEquivalence('(0,1]', '(0, 1]'); // { equal: true, reason: 'normalized' }
 * mathEquivalence('x^2+2x+1', '(x+1)^2'); // { equal: true, reason: 'symbolic' }
 */
export function mathEquivalence(a: string, b: string, options?: MathEqualOptions): MathEquivalence {
  const { tolerance = 1e-6, seed = 20250131 } = validate(optionsSchema, options ?? {}, 'options');
  if (a === b) return { equal: true, reason: 'identical' };
  let normalizedA = a;
  let normalizedB = b;
  try {
    normalizedA = normalizeAnswer(a);
    normalizedB = normalizeAnswer(b);
    if (normalizedA === normalizedB) return { equal: true, reason: 'normalized' };
    return compareStructures(answerStructure(normalizedA), answerStructure(normalizedB), {
      tolerance,
      seed,
    });
  } catch {
    return { equal: normalizedA === normalizedB, reason: 'normalized' };
  }
}

/**
 * Whether two final answers (LaTeX or plain) are mathematically the same.
 *
 * Recognises `\boxed`, `$`, `\left`/`\right`, spacing, `\dfrac`, degrees, `\%` (dropped, so
 * `3\%` equals `3`, not `0.03`), units in `\text`/`\mbox`, `\$`, thousands separators (only in a
 * whole answer: `1,000` is 1000, `(1,000)` is a tuple), exact rationals (`073`, `0.5`, `\frac12`,
 * `1\frac{4}{5}`), constants within a relative tolerance (`\sqrt2`, `2^{1/2}`, `\pi`),
 * expressions with free variables at seeded points, intervals and tuples (brackets and order
 * matter), sets and unordered lists (`1, 2`, `\{2,1\}`, `a \text{ or } b`, `1 \pm \sqrt2`),
 * unions, matrices, equations (`x = 3` matches `3`; two equations match when proportional).
 *
 * @example
 * mathEqual('\\boxed{073}', '73'); // true
 * mathEqual('(0,1)', '(0,1]'); // false
 */
export function mathEqual(a: string, b: string, options?: MathEqualOptions): boolean {
  return mathEquivalence(a, b, options).equal;
}

function compareStructures(
  a: AnswerStructure,
  b: AnswerStructure,
  options: NumericOptions,
): MathEquivalence {
  if (a.kind === 'equation' || b.kind === 'equation') return compareEquations(a, b, options);
  if (a.kind === 'set' || b.kind === 'set') {
    const itemsA = setItems(a);
    const itemsB = setItems(b);
    const equal = itemsA.length === itemsB.length && matchesUnordered(itemsA, itemsB, options);
    return { equal, reason: 'set' };
  }
  if (a.kind === 'scalar' && b.kind === 'scalar') return compareScalars(a.latex, b.latex, options);
  if (a.kind === 'bracketed' && b.kind === 'bracketed') {
    const isInterval = [a.open, a.close, b.open, b.close].some((bracket) => '[]'.includes(bracket));
    const equal =
      a.open === b.open &&
      a.close === b.close &&
      a.items.length === b.items.length &&
      a.items.every((item, index) => sameItem(item, b.items[index], options));
    return { equal, reason: isInterval ? 'interval' : 'tuple' };
  }
  if (a.kind === 'union' && b.kind === 'union') {
    const equal = a.parts.length === b.parts.length && matchesUnordered(a.parts, b.parts, options);
    return { equal, reason: 'union' };
  }
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    const equal =
      a.rows.length === b.rows.length &&
      a.rows.every((row, index) => {
        const other = b.rows[index] ?? [];
        return (
          row.length === other.length &&
          row.every((cell, column) => sameItem(cell, other[column], options))
        );
      });
    return { equal, reason: 'matrix' };
  }
  return { equal: false, reason: 'structure' };
}

// `x = 3` is its right side when the other answer is not an equation; two equations are equal
// when their sides match or `lhs - rhs` of one is a constant multiple of the other's.
function compareEquations(
  a: AnswerStructure,
  b: AnswerStructure,
  options: NumericOptions,
): MathEquivalence {
  if (a.kind === 'equation' && b.kind === 'equation') {
    if (a.relation === b.relation && a.lhs === b.lhs && sameItem(a.rhs, b.rhs, options))
      return { equal: true, reason: 'equation' };
    const equal =
      a.relation === '=' &&
      b.relation === '=' &&
      a.rhs.kind === 'scalar' &&
      b.rhs.kind === 'scalar' &&
      proportional(`${a.lhs}-(${a.rhs.latex})`, `${b.lhs}-(${b.rhs.latex})`, options);
    return { equal, reason: 'equation' };
  }
  const [equation, other] = a.kind === 'equation' ? [a, b] : [b, a];
  if (equation.kind !== 'equation' || !variable.test(equation.lhs))
    return { equal: false, reason: 'equation' };
  return { equal: sameItem(equation.rhs, other, options), reason: 'equation' };
}

function setItems(structure: AnswerStructure): AnswerStructure[] {
  return structure.kind === 'set' ? structure.items.flatMap(setItems) : [structure];
}

function sameItem(
  a: AnswerStructure,
  b: AnswerStructure | undefined,
  options: NumericOptions,
): boolean {
  return b !== undefined && compareStructures(a, b, options).equal;
}

/** Whether every item of `a` pairs with a different equal item of `b` (a perfect matching). */
function matchesUnordered(
  a: readonly AnswerStructure[],
  b: readonly AnswerStructure[],
  options: NumericOptions,
): boolean {
  const used = new Set<number>();
  const assign = (index: number): boolean => {
    const item = a[index];
    if (item === undefined) return true;
    for (let candidate = 0; candidate < b.length; candidate++) {
      if (used.has(candidate) || !sameItem(item, b[candidate], options)) continue;
      used.add(candidate);
      if (assign(index + 1)) return true;
      used.delete(candidate);
    }
    return false;
  };
  return assign(0);
}
