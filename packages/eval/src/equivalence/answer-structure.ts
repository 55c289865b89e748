import { isWrapped, splitTopLevel } from './split-top-level';

/** A normalised answer read as the shape it has at its top level. */
export type AnswerStructure =
  | { kind: 'scalar'; latex: string }
  /** Unordered: `\{1,2\}`, a bare `1, 2`, `a \text{ or } b`, `1 \pm \sqrt2`. */
  | { kind: 'set'; items: AnswerStructure[] }
  /** Ordered, with its brackets: tuples, points, intervals. */
  | { kind: 'bracketed'; open: string; close: string; items: AnswerStructure[] }
  | { kind: 'union'; parts: AnswerStructure[] }
  | { kind: 'matrix'; rows: AnswerStructure[][] }
  | { kind: 'equation'; lhs: string; rhs: AnswerStructure; relation: '=' | '\\in' };

const matrix = /^\\begin\{([pbB]?matrix)\}(.*)\\end\{\1\}$/s;
const setBraces = /^\\\{(.*)\\\}$/s;

/**
 * Reads the structure of a normalised answer (see `normalizeAnswer`): matrices, unions,
 * equations and memberships, sets, bracketed tuples and intervals, and scalars.
 */
export function answerStructure(latex: string): AnswerStructure {
  const matrixMatch = matrix.exec(latex);
  if (matrixMatch !== null) {
    const rows = (matrixMatch[2] ?? '').split('\\\\').filter((row) => row !== '');
    return {
      kind: 'matrix',
      rows: rows.map((row) => row.split('&').map((cell) => answerStructure(cell))),
    };
  }
  const union = splitTopLevel(latex, '\\cup');
  if (union.length > 1) return { kind: 'union', parts: union.map(answerStructure) };

  const items = splitTopLevel(latex, ',');
  if (items.length > 1) return { kind: 'set', items: items.map(answerStructure) };

  for (const relation of ['=', '\\in'] as const) {
    const sides = splitTopLevel(latex, relation);
    if (sides.length === 2 && sides[0] !== '' && sides[1] !== '')
      return {
        kind: 'equation',
        lhs: sides[0] ?? '',
        rhs: answerStructure(sides[1] ?? ''),
        relation,
      };
  }
  const set = setBraces.exec(latex);
  if (set !== null && isWrapped(latex.slice(1)))
    return { kind: 'set', items: splitTopLevel(set[1] ?? '', ',').map(answerStructure) };
  if (isWrapped(latex) && latex.charAt(0) === '{') return answerStructure(latex.slice(1, -1));
  if (isWrapped(latex)) {
    const inner = splitTopLevel(latex.slice(1, -1), ',');
    if (inner.length === 1) return answerStructure(latex.slice(1, -1));
    return {
      kind: 'bracketed',
      open: latex.charAt(0),
      close: latex.charAt(latex.length - 1),
      items: inner.map(answerStructure),
    };
  }
  const plusMinus = splitTopLevel(latex, '\\pm');
  if (plusMinus.length === 2)
    return {
      kind: 'set',
      items: ['+', '-'].map((sign) => ({ kind: 'scalar', latex: plusMinus.join(sign) })),
    };
  return { kind: 'scalar', latex };
}
