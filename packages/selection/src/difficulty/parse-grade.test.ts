import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrade } from './parse-grade';

describe('parseGrade', () => {
  it.each([
    ['The attempt gets 51.\nYes', true],
    ['The attempt gets 52.\nNo', false],
    ['Yes', true],
    ['No', false],
    ['Yes.', undefined],
    ['The attempt is right.\nyes', undefined],
    ['The attempt is right.\n Yes', undefined],
    ['The attempt is right.\nYes\n', undefined],
    ['The attempt is right.\nYes\r', undefined],
    ['Yes\nThe attempt is right.', undefined],
    ['', undefined],
  ])('should read %j as %s', (reply, grade) => {
    expect(parseGrade(reply)).toBe(grade);
  });

  it('should read the verdict of any explanation ending in a Yes or No line', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (explanation, verdict) => {
        expect(parseGrade(`${explanation}\n${verdict ? 'Yes' : 'No'}`)).toBe(verdict);
      }),
    );
  });

  it('should find no verdict when the last line is anything but Yes or No', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string().filter((line) => !line.includes('\n') && line !== 'Yes' && line !== 'No'),
        (explanation, lastLine) => {
          expect(parseGrade(`${explanation}\n${lastLine}`)).toBeUndefined();
        },
      ),
    );
  });
});
