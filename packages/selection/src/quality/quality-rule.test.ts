import { describe, expect, it } from 'vitest';
import { predicateRule, regexRule } from './quality-rule';

describe('regexRule', () => {
  it('should drop on a match anywhere, like re.search', () => {
    const rule = regexRule('figure', /\[asy\]/);
    expect(rule.name).toBe('figure');
    expect(rule.test('text [asy] text', {})).toBe(true);
    expect(rule.test('text', {})).toBe(false);
  });

  it('should give the same answer on every call even for a global regex', () => {
    const rule = regexRule('digit', /\d/g);
    expect([rule.test('a1', {}), rule.test('a1', {}), rule.test('a1', {})]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('should keep the other flags', () => {
    expect(regexRule('word', /asy/i).test('ASY', {})).toBe(true);
  });
});

describe('predicateRule', () => {
  it('should call the predicate with the question and the record', () => {
    const rule = predicateRule(
      'from',
      (question, record) => `${question}:${record.source}` === 'q:s',
    );
    expect(rule.test('q', { source: 's' })).toBe(true);
    expect(rule.test('q', {})).toBe(false);
  });
});
