import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { checkQuality } from './check-quality';
import { predicateRule, regexRule } from './quality-rule';

const asyQuestion = 'Find the area.\n[asy]\ndraw((0,0)--(1,1));\n[/asy]';

describe('checkQuality', () => {
  it('should use the s1 rules and the AIME exception by default', () => {
    expect(checkQuality(asyQuestion, 'qq8933/AIME_1983_2024')).toEqual({ keep: true });
    expect(checkQuality(asyQuestion, 'qfq/openaimath/Geometry')).toEqual({
      keep: false,
      rule: 'asy-figure',
    });
  });

  it('should drop AIME [asy] questions when the exception is off', () => {
    expect(
      checkQuality(asyQuestion, 'qq8933/AIME_1983_2024', undefined, { aimeAsyException: false }),
    ).toEqual({ keep: false, rule: 'asy-figure' });
  });

  it('should treat a missing source as no exception', () => {
    expect(checkQuality(asyQuestion, undefined)).toEqual({ keep: false, rule: 'asy-figure' });
  });

  it('should report the first rule that fires, in the given order', () => {
    const rules = [
      predicateRule('long', (question) => question.length > 5),
      regexRule('digit', /\d/),
    ];
    expect(checkQuality('123456', 'x', rules)).toEqual({ keep: false, rule: 'long' });
    expect(checkQuality('12', 'x', rules)).toEqual({ keep: false, rule: 'digit' });
    expect(checkQuality('ab', 'x', rules)).toEqual({ keep: true });
  });

  it('should pass the source to the rules', () => {
    const fromForum = predicateRule('forum', (_question, record) => record.source === 'forum');
    expect(checkQuality('q', 'forum', [fromForum])).toEqual({ keep: false, rule: 'forum' });
    expect(checkQuality('q', 'book', [fromForum])).toEqual({ keep: true });
  });

  it('should reject unknown options', () => {
    expect(() =>
      checkQuality('q', 'x', [], { aimeException: true } as unknown as { aimeAsyException: true }),
    ).toThrow(InvalidArgumentError);
  });
});
