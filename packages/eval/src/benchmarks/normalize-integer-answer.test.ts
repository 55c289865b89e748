import { describe, expect, it } from 'vitest';
import { normalizeIntegerAnswer } from './normalize-integer-answer';

describe('normalizeIntegerAnswer', () => {
  it.each([
    ['073', '73'],
    ['000', '0'],
    [204, '204'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['-5', '-5'],
    ['1/2', '1/2'],
    [' 7', ' 7'],
  ])('should turn %o into %o as Python str(int(x)) on digit strings', (answer, expected) => {
    expect(normalizeIntegerAnswer(answer)).toBe(expected);
  });
});
