import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { weightedIndex } from './weighted-index';

describe('weightedIndex', () => {
  it('should never draw a zero weight and follow the others', () => {
    const random = createSeededRandom(11).uniform;
    const counts = [0, 0, 0, 0];
    for (let draw = 0; draw < 40_000; draw++) {
      const index = weightedIndex([0, 3, 0, 1], random);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect((counts[1] ?? 0) / 40_000).toBeCloseTo(0.75, 1);
  });

  it('should take the last positive weight when the draw lands at the very end', () => {
    expect(weightedIndex([1, 2, 0], () => 0.9999999999999999)).toBe(1);
  });
});
