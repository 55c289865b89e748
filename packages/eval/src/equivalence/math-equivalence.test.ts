import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mathEqual, mathEquivalence } from './math-equivalence';

interface EquivalenceCase {
  a: string;
  b: string;
  equal: boolean;
  rule: string;
  note?: string;
}

const cases: EquivalenceCase[] = readFileSync(
  new URL('./__fixtures__/equivalence-cases.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as EquivalenceCase);

describe('mathEqual on the case table', () => {
  it('should hold at least 170 cases, 60 of them not equal', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
    expect(cases.filter((testCase) => !testCase.equal).length).toBeGreaterThanOrEqual(60);
  });

  it('should give no false "equal" and no false "not equal", both ways round', () => {
    const wrong = cases.flatMap((testCase) =>
      [
        [testCase.a, testCase.b],
        [testCase.b, testCase.a],
      ].flatMap(([a = '', b = '']) => {
        const result = mathEquivalence(a, b);
        return result.equal === testCase.equal
          ? []
          : [
              `${testCase.equal ? 'false not-equal' : 'FALSE EQUAL'} [${testCase.rule}] ${a} vs ${b} (${result.reason})`,
            ];
      }),
    );
    expect(wrong).toEqual([]);
  });
});

describe('mathEquivalence', () => {
  it('should name the rule that decided', () => {
    expect(mathEquivalence('3', '3')).toEqual({ equal: true, reason: 'identical' });
    expect(mathEquivalence('(0,1]', '(0, 1]')).toEqual({ equal: true, reason: 'normalized' });
    expect(mathEquivalence('1/2', '0.5')).toEqual({ equal: true, reason: 'numeric' });
    expect(mathEquivalence('x^2+2x+1', '(x+1)^2')).toEqual({ equal: true, reason: 'symbolic' });
    expect(mathEquivalence('1, 2', '2, 1')).toEqual({ equal: true, reason: 'set' });
    expect(mathEquivalence('(0,1)', '(0,1]')).toEqual({ equal: false, reason: 'interval' });
    expect(mathEquivalence('(1,2)', '(2,1)')).toEqual({ equal: false, reason: 'tuple' });
    expect(mathEquivalence('x = 3', '3')).toEqual({ equal: true, reason: 'equation' });
  });

  it('should apply the relative tolerance option to constants', () => {
    expect(mathEqual('\\pi', '3.1416')).toBe(false);
    expect(mathEqual('\\pi', '3.1416', { tolerance: 1e-4 })).toBe(true);
  });

  it('should be deterministic and never throw on garbage', () => {
    const garbage = [
      '',
      '}',
      '\\',
      '\\frac{',
      '((]',
      '\\begin{pmatrix}',
      '=',
      ',',
      '\\in',
      '_',
      '^^',
    ];
    for (const a of garbage)
      for (const b of garbage) {
        const first = mathEquivalence(a, b);
        expect(mathEquivalence(a, b)).toEqual(first);
        expect(first.equal).toBe(a === b || first.equal);
      }
  });
});
