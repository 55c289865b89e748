import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { uniformIndex } from './random-source';

describe('uniformIndex', () => {
  it('should draw every index in range and no other', () => {
    const random = createSeededRandom(3).uniform;
    const indices = Array.from({ length: 1000 }, () => uniformIndex(4, random));
    expect(new Set(indices)).toEqual(new Set([0, 1, 2, 3]));
  });
});
