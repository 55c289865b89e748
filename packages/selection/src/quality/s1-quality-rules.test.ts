import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testGoldenFreshness } from '../../../../tooling/golden-freshness';
import { checkQuality } from './check-quality';
import { s1QualityRules } from './s1-quality-rules';

interface QualityCase {
  question: string;
  source: string;
  keep: boolean;
  rule?: string;
  note: string;
}

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const cases: QualityCase[] = readFileSync(`${fixtures}quality-cases.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as QualityCase);

describe('s1QualityRules', () => {
  it('should hold the notebook rules in its order', () => {
    expect(s1QualityRules.map((rule) => rule.name)).toEqual([
      'asy-figure',
      'image-link',
      'p-number',
      'bold-number',
    ]);
  });

  it('should have at least 45 reference cases, kept and dropped by every rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    const outcomes = new Set(cases.map((testCase) => testCase.rule ?? 'keep'));
    expect(outcomes).toEqual(
      new Set(['keep', 'asy-figure', 'image-link', 'p-number', 'bold-number']),
    );
  });

  it.each(cases)('should decide as the notebook: $note', ({ question, source, keep, rule }) => {
    const expected = keep ? { keep: true } : { keep: false, rule };
    expect(checkQuality(question, { source, rules: s1QualityRules })).toEqual(expected);
  });
});

testGoldenFreshness({ script: 'reference-quality.py', cwd: fixtures });
