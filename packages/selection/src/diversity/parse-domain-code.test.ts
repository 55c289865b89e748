import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomainCode } from './parse-domain-code';

describe('parseDomainCode', () => {
  it('should read the final two digits and name the area', () => {
    expect(parseDomainCode('This is about primes.\n11')).toEqual({
      code: '11',
      domain: expect.objectContaining({ title: 'Number theory' }),
    });
    expect(parseDomainCode('Geometry.\n51\n')?.domain?.title).toBe('Geometry');
  });

  it('should refuse a reply whose last two characters are not both digits', () => {
    expect(parseDomainCode('I cannot tell.')).toBeUndefined();
    expect(parseDomainCode('Code 5')).toBeUndefined();
    expect(parseDomainCode('11.')).toBeUndefined();
    expect(parseDomainCode('')).toBeUndefined();
  });

  it('should give no domain for a code s1 does not use', () => {
    expect(parseDomainCode('General\n00')).toEqual({ code: '00', domain: undefined });
  });

  it('should parse exactly the replies that end in two ASCII digits', () => {
    fc.assert(
      fc.property(fc.string(), (reply) => {
        const parsed = parseDomainCode(reply);
        const tail = reply.trimEnd().slice(-2);
        expect(parsed?.code).toBe(/^[0-9]{2}$/.test(tail) ? tail : undefined);
      }),
    );
  });
});
