import type { OpDefinition } from '../op-definition';
import { sizeOf, type Tensor } from '../tensor';
import { normalizeAxes } from './reduce';

export const reshape: OpDefinition<{
  /** The new shape. */
  shape: readonly number[];
}> = {
  name: 'Reshape',
  forward: (emit, [x], { shape }) => {
    const input = x as Tensor;
    if (sizeOf(shape) !== sizeOf(input.shape)) {
      throw new RangeError(`cannot reshape [${input.shape.join(', ')}] to [${shape.join(', ')}]`);
    }
    return emit.node('Reshape', [input, emit.int64s(shape)], [{ shape, type: input.type }]);
  },
  gradient: (ops, { inputs: [x], outputGradients: [g] }) => [
    ops.reshape(g as Tensor, (x as Tensor).shape),
  ],
  checks: [
    { name: 'split an axis', inputs: [{ shape: [2, 6] }], attributes: { shape: [2, 2, 3] } },
  ],
};

export const transpose: OpDefinition<{
  /** The permutation of the axes. */
  perm: readonly number[];
}> = {
  name: 'Transpose',
  forward: (emit, [x], { perm }) => {
    const input = x as Tensor;
    return emit.node(
      'Transpose',
      [input],
      [{ shape: perm.map((axis) => input.shape[axis] as number), type: input.type }],
      {
        perm,
      },
    );
  },
  gradient: (ops, { outputGradients: [g], attributes: { perm } }) => {
    const inverse = perm.map((_, axis) => perm.indexOf(axis));
    return [ops.transpose(g as Tensor, inverse)];
  },
  checks: [
    {
      name: 'swap heads and positions',
      inputs: [{ shape: [2, 3, 4, 5] }],
      attributes: { perm: [0, 2, 1, 3] },
    },
  ],
};

export const unsqueeze: OpDefinition<{
  /** Where size-1 axes are inserted. */
  axes: readonly number[];
}> = {
  name: 'Unsqueeze',
  forward: (emit, [x], { axes }) => {
    const input = x as Tensor;
    const rank = input.shape.length + axes.length;
    const inserted = normalizeAxes(axes, rank);
    const shape: number[] = [];
    let next = 0;
    for (let axis = 0; axis < rank; axis++)
      shape.push(inserted.includes(axis) ? 1 : (input.shape[next++] as number));
    return emit.node('Unsqueeze', [input, emit.int64s(axes)], [{ shape, type: input.type }]);
  },
  gradient: (ops, { inputs: [x], outputGradients: [g] }) => [
    ops.reshape(g as Tensor, (x as Tensor).shape),
  ],
  checks: [{ name: 'a new middle axis', inputs: [{ shape: [2, 3] }], attributes: { axes: [1] } }],
};

export const expand: OpDefinition<{
  /** The shape broadcast to. */
  shape: readonly number[];
}> = {
  name: 'Expand',
  forward: (emit, [x], { shape }) => {
    const input = x as Tensor;
    return emit.node('Expand', [input, emit.int64s(shape)], [{ shape, type: input.type }]);
  },
  gradient: (ops, { inputs: [x], outputGradients: [g] }) => [
    ops.reduceToShape(g as Tensor, (x as Tensor).shape),
  ],
  checks: [
    {
      name: 'repeat key/value heads',
      inputs: [{ shape: [2, 1, 3] }],
      attributes: { shape: [2, 4, 3] },
    },
  ],
};

export const concat: OpDefinition<{
  /** The axis joined along. */
  axis: number;
}> = {
  name: 'Concat',
  forward: (emit, inputs, { axis }) => {
    const first = inputs[0] as Tensor;
    const along = axis < 0 ? axis + first.shape.length : axis;
    const shape = first.shape.map((size, index) =>
      index === along
        ? inputs.reduce((sum, input) => sum + (input.shape[index] as number), 0)
        : size,
    );
    return emit.node('Concat', inputs, [{ shape, type: first.type }], { axis });
  },
  gradient: (ops, { inputs, outputGradients: [g], needsGradient, attributes: { axis } }) => {
    const along = axis < 0 ? axis + (inputs[0] as Tensor).shape.length : axis;
    let start = 0;
    return inputs.map((input, index) => {
      const end = start + (input.shape[along] as number);
      const piece = needsGradient[index]
        ? ops.slice(g as Tensor, { starts: [start], ends: [end], axes: [along] })
        : undefined;
      start = end;
      return piece;
    });
  },
  checks: [
    {
      name: 'halves of the last axis',
      inputs: [{ shape: [2, 3] }, { shape: [2, 2] }],
      attributes: { axis: -1 },
    },
  ],
};

/**
 * The attributes of `Slice`: unit steps, bounds in range.
 *
 * @inline
 */
export interface SliceAttributes {
  /** The first index kept on each axis. */
  starts: readonly number[];
  /** One past the last index kept on each axis. */
  ends: readonly number[];
  /** The axes sliced. */
  axes: readonly number[];
}

// Unit steps and in-range bounds only: what rotary embeddings and the loss's shift need.
export const slice: OpDefinition<SliceAttributes> = {
  name: 'Slice',
  forward: (emit, [x], { starts, ends, axes }) => {
    const input = x as Tensor;
    const shape = [...input.shape];
    axes.forEach((axis, index) => {
      const along = axis < 0 ? axis + shape.length : axis;
      shape[along] = (ends[index] as number) - (starts[index] as number);
    });
    return emit.node(
      'Slice',
      [input, emit.int64s(starts), emit.int64s(ends), emit.int64s(axes)],
      [{ shape, type: input.type }],
    );
  },
  // The gradient is the output's gradient padded with zeros back to the input's shape.
  gradient: (ops, { inputs: [x], outputGradients: [g], attributes: { starts, ends, axes } }) => {
    const input = x as Tensor;
    const rank = input.shape.length;
    const pads = new Array<number>(2 * rank).fill(0);
    axes.forEach((axis, index) => {
      const along = axis < 0 ? axis + rank : axis;
      pads[along] = starts[index] as number;
      pads[rank + along] = (input.shape[along] as number) - (ends[index] as number);
    });
    return [ops.padWithZeros(g as Tensor, pads, input.shape)];
  },
  checks: [
    {
      name: 'the second half of the last axis',
      inputs: [{ shape: [2, 3, 4] }],
      attributes: { starts: [2], ends: [4], axes: [-1] },
    },
    {
      name: 'all but the last position',
      inputs: [{ shape: [2, 5, 3] }],
      attributes: { starts: [0], ends: [4], axes: [1] },
    },
  ],
};
