import type { GradientCheck, OpDefinition } from '../op-definition';
import { sizeOf, type Tensor } from '../tensor';

/**
 * The attributes of the reductions.
 *
 * @inline
 */
export interface ReduceAttributes {
  /** The axes reduced. */
  axes: readonly number[];
  /** Whether reduced axes stay, with size 1. */
  keepdims: boolean;
}

/** Axes as non-negative numbers, sorted. */
export function normalizeAxes(axes: readonly number[], rank: number): number[] {
  return [...new Set(axes.map((axis) => (axis < 0 ? axis + rank : axis)))].sort((a, b) => a - b);
}

export function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean) {
  const reduced = normalizeAxes(axes, shape.length);
  return keepdims
    ? shape.map((size, axis) => (reduced.includes(axis) ? 1 : size))
    : shape.filter((_, axis) => !reduced.includes(axis));
}

const checks: GradientCheck<ReduceAttributes>[] = [
  {
    name: 'one axis, kept',
    inputs: [{ shape: [2, 3, 4] }],
    attributes: { axes: [1], keepdims: true },
  },
  {
    name: 'the last axis, dropped',
    inputs: [{ shape: [2, 3, 4] }],
    attributes: { axes: [-1], keepdims: false },
  },
  {
    name: 'two axes',
    inputs: [{ shape: [2, 3, 4] }],
    attributes: { axes: [0, 2], keepdims: false },
  },
];

// The gradient of a reduction spreads back over the reduced axes (scaled by 1/n for a mean).
function reduction(name: 'ReduceSum' | 'ReduceMean'): OpDefinition<ReduceAttributes> {
  return {
    name,
    forward: (emit, [x], { axes, keepdims }) => {
      const input = x as Tensor;
      return emit.node(
        name,
        [input, emit.int64s(axes)],
        [{ shape: reducedShape(input.shape, axes, keepdims), type: input.type }],
        { keepdims: keepdims ? 1 : 0 },
      );
    },
    gradient: (ops, { inputs: [x], outputGradients: [g], attributes: { axes, keepdims } }) => {
      const input = x as Tensor;
      const kept = keepdims
        ? (g as Tensor)
        : ops.reshape(g as Tensor, reducedShape(input.shape, axes, true));
      const spread = ops.expand(kept, input.shape);
      if (name === 'ReduceSum') return [spread];
      const count = sizeOf(input.shape) / sizeOf(reducedShape(input.shape, axes, true));
      return [ops.mul(spread, ops.scalar(1 / count, input.type))];
    },
    checks,
  };
}

export const reduceSum = reduction('ReduceSum');
export const reduceMean = reduction('ReduceMean');
