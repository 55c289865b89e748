import { createSeededRandom } from '@s1/errors';
import { describe, expect, it } from 'vitest';
import { createTokenSampler } from './token-sampler';

const equalLogits = new Float32Array(4);
const draw = (sample: (logits: Float32Array) => number) =>
  Array.from({ length: 20 }, () => sample(equalLogits));

describe('createTokenSampler', () => {
  // Four equally likely tokens: a draw u picks token floor(4u), so the picks show the stream.
  it('should sample from the shared seeded generator of @s1/errors', () => {
    const random = createSeededRandom(5);
    const expected = Array.from({ length: 20 }, () => Math.floor(random.uniform() * 4));
    expect(draw(createTokenSampler({ temperature: 1, seed: 5 }))).toEqual(expected);
  });

  it('should repeat its samples for a seed and change them with the seed', () => {
    const first = draw(createTokenSampler({ temperature: 1, seed: 1 }));
    expect(draw(createTokenSampler({ temperature: 1, seed: 1 }))).toEqual(first);
    expect(draw(createTokenSampler({ temperature: 1, seed: 2 }))).not.toEqual(first);
  });

  it('should pick the most likely token that is not suppressed at temperature 0', () => {
    const sample = createTokenSampler();
    expect(sample(Float32Array.from([0, 3, 1, 2]))).toBe(1);
    expect(sample(Float32Array.from([0, 3, 1, 2]), [1])).toBe(3);
  });
});
