import { describe, expect, it } from 'vitest';
import { checkQuality } from './check-quality';
import { predicateRule, regexRule } from './quality-rule';

const asyQuestion = 'Find the area.\n[asy]\ndraw((0,0)--(1,1));\n[/asy]';

describe('checkQuality', () => {
  it('should use the s1 rules and the AIME exception by default', () => {
    expect(checkQuality(asyQuestion, { source: 'qq8933/AIME_1983_2024' })).toEqual({ keep: true });
    expect(checkQuality(asyQuestion, { source: 'qfq/openaimath/Geometry' })).toEqual({
      keep: false,
      rule: 'asy-figure',
    });
  });

  it('should drop AIME [asy] questions when the exception is off', () => {
    expect(
      checkQuality(asyQuestion, { source: 'qq8933/AIME_1983_2024', aimeAsyException: false }),
    ).toEqual({ keep: false, rule: 'asy-figure' });
  });

  it('should treat a missing source as no exception', () => {
    expect(checkQuality(asyQuestion)).toEqual({ keep: false, rule: 'asy-figure' });
  });

  it('should report the first rule that fires, in the given order', () => {
    const rules = [
      predicateRule('long', (question) => question.length > 5),
      regexRule('digit', /\d/),
    ];
    expect(checkQuality('123456', { source: 'x', rules })).toEqual({ keep: false, rule: 'long' });
    expect(checkQuality('12', { source: 'x', rules })).toEqual({ keep: false, rule: 'digit' });
    expect(checkQuality('ab', { source: 'x', rules })).toEqual({ keep: true });
  });

  it('should pass the source to the rules', () => {
    const fromForum = predicateRule('forum', (_question, record) => record.source === 'forum');
    expect(checkQuality('q', { source: 'forum', rules: [fromForum] })).toEqual({
      keep: false,
      rule: 'forum',
    });
    expect(checkQuality('q', { source: 'book', rules: [fromForum] })).toEqual({ keep: true });
  });

  it('should reject unknown options', () => {
    expect(() =>
      checkQuality('q', { source: 'x', rules: [], aimeException: true } as never),
    ).toThrow(/aimeException: unknown key; did you mean "aimeAsyException"/);
  });
});
