import { InvalidArgumentError } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { blockDiagonalMask } from './block-diagonal-mask';

describe('blockDiagonalMask', () => {
  it('should be causal within each sequence and zero across them', () => {
    // biome-ignore format: one row per line
    expect(Array.from(blockDiagonalMask([0, 2, 3], 5))).toEqual([
      1, 0, 0, 0, 0,
      1, 1, 0, 0, 0,
      0, 0, 1, 0, 0,
      0, 0, 0, 1, 0,
      0, 0, 0, 1, 1,
    ]);
  });

  it('should be the causal mask for one sequence', () => {
    expect(Array.from(blockDiagonalMask([0], 3))).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 1]);
  });

  it('should be empty for length 0', () => {
    expect(blockDiagonalMask([], 0)).toHaveLength(0);
  });

  it('should reject starts that do not begin at 0, repeat, or pass the length', () => {
    for (const starts of [[1], [0, 2, 2], [0, 5], []]) {
      expect(() => blockDiagonalMask(starts, 5)).toThrow(InvalidArgumentError);
    }
  });
});
