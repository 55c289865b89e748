import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { findMissingFields, s1RequiredFields } from './missing-fields';

const complete = {
  domain: 'Number theory',
  isqwen7bcorrect: false,
  isqwen32bcorrect: false,
  isgeminicorrect: true,
  gemini_length: 4210,
};

describe('findMissingFields', () => {
  it('should find nothing missing in a complete s1 record, false and 0 included', () => {
    expect(findMissingFields(complete)).toEqual([]);
    expect(findMissingFields({ ...complete, gemini_length: 0 })).toEqual([]);
  });

  it('should report undefined, null and NaN fields in the order asked', () => {
    const { domain: _domain, ...withoutDomain } = complete;
    const record = { ...withoutDomain, isgeminicorrect: null, gemini_length: Number.NaN };
    expect(findMissingFields(record)).toEqual(['domain', 'isgeminicorrect', 'gemini_length']);
  });

  it('should count empty strings and arrays as missing unless told otherwise', () => {
    const record = { question: '', thinking_trajectories: [] };
    const fields = ['question', 'thinking_trajectories'];
    expect(findMissingFields(record, fields)).toEqual(fields);
    expect(findMissingFields(record, fields, { emptyIsMissing: false })).toEqual([]);
  });

  it('should check the fields it is given', () => {
    expect(findMissingFields({ solution: 'x' }, ['solution', 'source_type'])).toEqual([
      'source_type',
    ]);
    expect(s1RequiredFields).toContain('gemini_length');
  });

  it('should reject empty field names', () => {
    expect(() => findMissingFields({}, [''])).toThrow(InvalidArgumentError);
  });
});
