import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastBoxedOnlyString } from './last-boxed-only-string';
import { MalformedBoxError } from './malformed-box-error';
import { removeBoxed } from './remove-boxed';

const reference = { fidelity: 'reference' } as const;
const fidelities = [reference, { fidelity: 'fixed' }] as const;

describe('lastBoxedOnlyString', () => {
  it('should return the last \\boxed with its braces matched', () => {
    for (const options of fidelities)
      expect(lastBoxedOnlyString('\\boxed{1} and \\boxed{\\frac{a}{b}}!', options)).toBe(
        '\\boxed{\\frac{a}{b}}',
      );
  });

  it('should return undefined without a box or when it never closes', () => {
    for (const options of fidelities) {
      expect(lastBoxedOnlyString('just 5', options)).toBeUndefined();
      expect(lastBoxedOnlyString('\\boxed{\\frac{1}{2}', options)).toBeUndefined();
    }
  });

  it('should prefer any \\boxed over a later \\fbox in reference, the last of either when fixed', () => {
    expect(lastBoxedOnlyString('\\boxed{1} \\fbox{2}', reference)).toBe('\\boxed{1}');
    expect(lastBoxedOnlyString('\\boxed{1} \\fbox{2}')).toBe('\\fbox{2}');
    expect(lastBoxedOnlyString('\\fbox{2}', reference)).toBe('\\fbox{2}');
  });

  it('should take "\\boxed " (space) up to the first $, even across lines, in reference', () => {
    expect(lastBoxedOnlyString('\\boxed{1} $\\boxed 3\n4$ x', reference)).toBe('\\boxed 3\n4');
    expect(lastBoxedOnlyString('$\\boxed 3\n4$ x')).toBe('\\boxed 3');
  });

  it('should count escaped braces in reference and skip them when fixed', () => {
    const text = '\\boxed{\\left\\{ x \\right.}';
    expect(lastBoxedOnlyString(text, reference)).toBeUndefined();
    expect(lastBoxedOnlyString(text)).toBe(text);
    expect(lastBoxedOnlyString('\\boxed{\\{1,2\\}}', reference)).toBe('\\boxed{\\{1,2\\}}');
  });

  it('should reproduce the counter going negative on a } before the first { in reference', () => {
    // `}` → -1, `{` → 0 (not checked), `}` → -1 again: the box never closes.
    expect(lastBoxedOnlyString('\\boxed}{5}', reference)).toBeUndefined();
  });

  it('should match any command starting with \\boxed in reference, only \\boxed itself when fixed', () => {
    expect(lastBoxedOnlyString('\\boxed{1} \\boxedtext{2}', reference)).toBe('\\boxedtext{2}');
    expect(lastBoxedOnlyString('\\boxed{1} \\boxedtext{2}')).toBe('\\boxed{1}');
  });
});

describe('removeBoxed', () => {
  it('should unwrap \\boxed{…} and "\\boxed "', () => {
    for (const options of fidelities) {
      expect(removeBoxed('\\boxed{\\frac{1}{2}}', options)).toBe('\\frac{1}{2}');
      expect(removeBoxed('\\boxed 7', options)).toBe('7');
    }
  });

  it('should throw MalformedBoxError where the reference asserts', () => {
    expect(() => removeBoxed('\\fbox{2}', reference)).toThrow(MalformedBoxError);
    expect(() => removeBoxed('\\boxedtext{2}', reference)).toThrow(MalformedBoxError);
    expect(() => removeBoxed('x \\boxed 2', reference)).toThrow(MalformedBoxError);
    expect(() => removeBoxed('2')).toThrow(MalformedBoxError);
  });

  it('should unwrap \\fbox and \\boxed {…} when fixed', () => {
    expect(removeBoxed('\\fbox{2}')).toBe('2');
    expect(removeBoxed('\\boxed {2}')).toBe('2');
    expect(removeBoxed('\\boxed {2}', reference)).toBe('{2}');
  });
});

// Balanced LaTeX-ish content: letters, digits, operators and commands, nested in braces.
const atom = fc.constantFrom('a', '1', '+', ',', ' ', '\\frac', '\\sqrt', '^', '(', ']', '\n');
const { balanced } = fc.letrec((tie) => ({
  balanced: fc
    .array(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        tie('balanced').map((inner) => `{${inner}}`),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join('')),
}));
// Text around the box without box commands; the suffix may hold stray braces.
const prose = fc.string({
  unit: fc.constantFrom('x', ' ', '.', '$', '{', '}', '\n'),
  maxLength: 20,
});

describe('lastBoxedOnlyString properties', () => {
  it('should recover balanced content exactly', () => {
    fc.assert(
      fc.property(
        balanced,
        fc.string({ unit: fc.constantFrom('x', ' ', '.', '$') }),
        prose,
        (content, before, after) => {
          const text = `${before}\\boxed{0}${before}\\boxed{${content}}${after}`;
          for (const options of fidelities) {
            const box = lastBoxedOnlyString(text, options);
            expect(box).toBe(`\\boxed{${content}}`);
            expect(removeBoxed(box ?? '', options)).toBe(content);
          }
        },
      ),
    );
  });

  it('should find no box when the last one never closes', () => {
    fc.assert(
      fc.property(balanced, (content) => {
        for (const options of fidelities)
          expect(lastBoxedOnlyString(`\\boxed{1} \\boxed{${content}`, options)).toBeUndefined();
      }),
    );
  });
});
