import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { fieldAccessors, questionHash } from './s1k-accessors';

describe('fieldAccessors', () => {
  const accessors = fieldAccessors({ id: 'id', question: 'question' });

  it('should key a record by its id field when it holds a string or a number, else by the question hash', () => {
    const ids = [
      { id: 'q-17', question: 'a' },
      { id: 42, question: 'b' },
      { question: 'c' },
      { id: null, question: 'd' },
      { id: '', question: 'e' },
    ].map((row, index) => accessors.id(row, index));
    expect(ids).toEqual(['q-17', '42', questionHash('c'), questionHash('d'), questionHash('e')]);
    expect(fieldAccessors({ question: 'question' }).id({ id: 'q-17', question: 'a' }, 0)).toBe(
      questionHash('a'),
    );
  });

  it('should name the record and the field when an id is neither a string nor a number', () => {
    const rows = [
      { id: 'a', question: 'a' },
      { id: { value: 1 }, question: 'b' },
    ];
    const keyAll = () => rows.map((row, index) => accessors.id(row, index));
    expect(keyAll).toThrow(InvalidArgumentError);
    expect(keyAll).toThrow(/record #2:\n {2}- id: an id must be a string or a number, not object/);
  });
});
