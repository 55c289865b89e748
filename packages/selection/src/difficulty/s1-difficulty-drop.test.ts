import { describe, expect, it } from 'vitest';
import { s1DifficultyDrop } from './s1-difficulty-drop';
import { UnknownSolverError } from './unknown-solver-error';

describe('s1DifficultyDrop', () => {
  it.each([
    [{ qwen7b: true, qwen32b: false }, true],
    [{ qwen7b: false, qwen32b: true }, true],
    [{ qwen7b: false, qwen32b: false }, false],
    [{ qwen7b: null, qwen32b: false }, false],
    [{ qwen7b: null, qwen32b: null }, false],
  ])('should drop %j: %s', (solvedBy, drop) => {
    expect(s1DifficultyDrop({ solvedBy })).toBe(drop);
  });

  it('should apply the rule to the solvers named', () => {
    const features = { solvedBy: { small: true, large: false } };
    expect(s1DifficultyDrop(features, ['large'])).toBe(false);
    expect(s1DifficultyDrop(features, ['small', 'large'])).toBe(true);
  });

  it('should throw a typed error naming the solvers there are for a name that is missing', () => {
    const features = { solvedBy: { 'qwen-7b': false } };
    expect(() => s1DifficultyDrop(features)).toThrow(UnknownSolverError);
    expect(() => s1DifficultyDrop(features)).toThrow(/no solver "qwen7b"; they have: qwen-7b/);
  });
});
