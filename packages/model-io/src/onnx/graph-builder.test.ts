import { describe, expect, it } from 'vitest';
import { createGraphBuilder } from './graph-builder';

describe('createGraphBuilder constants', () => {
  it('should share a constant between uses of the same values and type', () => {
    const builder = createGraphBuilder('g');
    const one = builder.constant(new Float32Array([1, 2]), [2]);
    expect(builder.constant(new Float32Array([1, 2]), [2])).toBe(one);
    expect(builder.constant(new Float64Array([1, 2]), [2])).not.toBe(one);
    expect(builder.constant(new Float32Array([1, 2]), [1, 2])).not.toBe(one);
    expect(builder.toGraph().initializer).toHaveLength(3);
  });

  it('should keep −0 apart from 0, with its sign bit in the data', () => {
    const builder = createGraphBuilder('g');
    const zero = builder.constant(new Float32Array([0]), []);
    const negativeZero = builder.constant(new Float32Array([-0]), []);
    expect(negativeZero).not.toBe(zero);
    const stored = builder.toGraph().initializer.find((tensor) => tensor.name === negativeZero);
    const bytes = stored?.rawData as Uint8Array;
    expect(Object.is(new Float32Array(bytes.slice().buffer)[0], -0)).toBe(true);
  });
});
