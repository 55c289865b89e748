import {
  type ElementType,
  float32ToBfloat16,
  float32ToFloat16,
  type TensorData,
} from '@s1/model-io';
import type { Emitter, OpDefinition } from './op-definition';
import { cast } from './ops/cast';
import { add, div, exp, log, mul, neg, reciprocal, sigmoid, sqrt, sub } from './ops/elementwise';
import { gather } from './ops/gather';
import { concat, expand, reshape, slice, transpose, unsqueeze } from './ops/layout';
import { type LinearCrossEntropyAttributes, linearCrossEntropy } from './ops/linear-cross-entropy';
import { matMul } from './ops/mat-mul';
import { reduceMean, reduceSum } from './ops/reduce';
import { logSoftmax, softmax } from './ops/softmax';
import { broadcastShapes, type Tensor } from './tensor';

/**
 * Every differentiable op: the one place where calculus lives. Adding an op means adding its
 * definition (forward emission, gradient rule, check cases) here and a function in `Ops`; the
 * finite-difference test checks every entry.
 */
export const differentiableOps = [
  add,
  sub,
  mul,
  div,
  neg,
  exp,
  log,
  sqrt,
  reciprocal,
  sigmoid,
  cast,
  reduceSum,
  reduceMean,
  reshape,
  transpose,
  unsqueeze,
  expand,
  concat,
  slice,
  gather,
  matMul,
  softmax,
  logSoftmax,
  linearCrossEntropy,
] as const;

/**
 * Applies one op of the table to its inputs and attributes, returning its outputs.
 *
 * @inline
 */
export type Apply = <Attributes>(
  op: OpDefinition<Attributes>,
  inputs: readonly Tensor[],
  attributes: Attributes,
) => Tensor[];

/** The ops a model and its gradient rules are written with. */
export interface Ops {
  /** Emits nodes no gradient flows through. */
  readonly emitter: Emitter;
  /** `a + b`, broadcast. */
  add(a: Tensor, b: Tensor): Tensor;
  /** `a − b`, broadcast. */
  sub(a: Tensor, b: Tensor): Tensor;
  /** `a × b`, elementwise, broadcast. */
  mul(a: Tensor, b: Tensor): Tensor;
  /** `a / b`, broadcast. */
  div(a: Tensor, b: Tensor): Tensor;
  /** `−x`. */
  neg(x: Tensor): Tensor;
  /** `eˣ`. */
  exp(x: Tensor): Tensor;
  /** The natural logarithm. */
  log(x: Tensor): Tensor;
  /** The square root. */
  sqrt(x: Tensor): Tensor;
  /** `1 / x`. */
  reciprocal(x: Tensor): Tensor;
  /** The logistic sigmoid. */
  sigmoid(x: Tensor): Tensor;
  /** `x` as element type `to` (itself when it already is). */
  cast(x: Tensor, to: ElementType): Tensor;
  /** The sum over `axes`; they stay as size-1 axes unless `keepdims` is false. */
  reduceSum(x: Tensor, axes: readonly number[], keepdims?: boolean): Tensor;
  /** The mean over `axes`; they stay as size-1 axes unless `keepdims` is false. */
  reduceMean(x: Tensor, axes: readonly number[], keepdims?: boolean): Tensor;
  /** `x` with another shape of the same size. */
  reshape(x: Tensor, shape: readonly number[]): Tensor;
  /** `x` with its axes permuted by `perm`. */
  transpose(x: Tensor, perm: readonly number[]): Tensor;
  /** `x` with size-1 axes inserted at `axes`. */
  unsqueeze(x: Tensor, axes: readonly number[]): Tensor;
  /** `x` broadcast to `shape`. */
  expand(x: Tensor, shape: readonly number[]): Tensor;
  /** The inputs joined along `axis`. */
  concat(inputs: readonly Tensor[], axis: number): Tensor;
  /** The part of `x` from `starts` to `ends` (exclusive) along `axes`, in unit steps. */
  slice(
    x: Tensor,
    range: { starts: readonly number[]; ends: readonly number[]; axes: readonly number[] },
  ): Tensor;
  /** The rows of `data` at `indices` (ONNX Gather on axis 0). */
  gather(data: Tensor, indices: Tensor): Tensor;
  /** The matrix product, batched over leading axes. */
  matMul(a: Tensor, b: Tensor): Tensor;
  /** The softmax along `axis`. */
  softmax(x: Tensor, axis: number): Tensor;
  /** The log-softmax along `axis`. */
  logSoftmax(x: Tensor, axis: number): Tensor;
  /**
   * The output head and the summed cross-entropy over rows whose label is not −100; the second
   * result is the logits.
   */
  linearCrossEntropy(
    hidden: Tensor,
    weight: Tensor,
    labels: Tensor,
    weightLayout: LinearCrossEntropyAttributes['weightLayout'],
  ): {
    /** The summed cross-entropy, a scalar. */
    lossSum: Tensor;
    /** The logits, [rows, vocabulary]. */
    logits: Tensor;
  };
  // Not differentiable (no gradient flows through these): constants, counts, and the shape
  // bookkeeping of gradient rules.
  /** A scalar constant (not differentiable). */
  scalar(value: number, type: ElementType): Tensor;
  /** The larger of two values, elementwise. */
  max(a: Tensor, b: Tensor): Tensor;
  /** A constant of zeros (not differentiable). */
  zeros(shape: readonly number[], type: ElementType): Tensor;
  /** Sums a gradient over the axes its operand was broadcast along, back to the operand's shape. */
  reduceToShape(gradient: Tensor, shape: readonly number[]): Tensor;
  /** `x` with zeros before and after it on each axis (ONNX Pad's `pads` layout), now `shape`. */
  padWithZeros(x: Tensor, pads: readonly number[], shape: readonly number[]): Tensor;
  /** Integer indices with a trailing axis of 1, as ScatterND takes them. */
  unsqueezeIndices(indices: Tensor): Tensor;
}

export function createOps(emitter: Emitter, apply: Apply): Ops {
  const one = <Attributes>(
    op: OpDefinition<Attributes>,
    inputs: readonly Tensor[],
    attributes: Attributes,
  ) => apply(op, inputs, attributes)[0] as Tensor;
  const ops: Ops = {
    emitter,
    add: (a, b) => one(add, [a, b], undefined),
    sub: (a, b) => one(sub, [a, b], undefined),
    mul: (a, b) => one(mul, [a, b], undefined),
    div: (a, b) => one(div, [a, b], undefined),
    neg: (x) => one(neg, [x], undefined),
    exp: (x) => one(exp, [x], undefined),
    log: (x) => one(log, [x], undefined),
    sqrt: (x) => one(sqrt, [x], undefined),
    reciprocal: (x) => one(reciprocal, [x], undefined),
    sigmoid: (x) => one(sigmoid, [x], undefined),
    cast: (x, to) => (x.type === to ? x : one(cast, [x], { to })),
    reduceSum: (x, axes, keepdims = true) => one(reduceSum, [x], { axes, keepdims }),
    reduceMean: (x, axes, keepdims = true) => one(reduceMean, [x], { axes, keepdims }),
    reshape: (x, shape) => one(reshape, [x], { shape }),
    transpose: (x, perm) => one(transpose, [x], { perm }),
    unsqueeze: (x, axes) => one(unsqueeze, [x], { axes }),
    expand: (x, shape) => one(expand, [x], { shape }),
    concat: (inputs, axis) => one(concat, inputs, { axis }),
    slice: (x, range) => one(slice, [x], range),
    gather: (data, indices) => one(gather, [data, indices], undefined),
    matMul: (a, b) => one(matMul, [a, b], undefined),
    softmax: (x, axis) => one(softmax, [x], { axis }),
    logSoftmax: (x, axis) => one(logSoftmax, [x], { axis }),
    linearCrossEntropy: (hidden, weight, labels, weightLayout) => {
      const [lossSum, logits] = apply(linearCrossEntropy, [hidden, weight, labels], {
        weightLayout,
      });
      return { lossSum: lossSum as Tensor, logits: logits as Tensor };
    },
    scalar: (value, type) => emitter.constant(floatData([value], type), [], type),
    max: (a, b) =>
      emitter.node(
        'Max',
        [a, b],
        [{ shape: broadcastShapes(a.shape, b.shape), type: a.type }],
      )[0] as Tensor,
    zeros: (shape, type) =>
      emitter.node('ConstantOfShape', [emitter.int64s(shape)], [{ shape, type }], {
        value: { tensor: floatData([0], type), dims: [1], elementType: type },
      })[0] as Tensor,
    reduceToShape(gradient, shape) {
      const extra = gradient.shape.length - shape.length;
      let reduced = gradient;
      if (extra > 0)
        reduced = ops.reduceSum(
          reduced,
          Array.from({ length: extra }, (_, axis) => axis),
          false,
        );
      const broadcast = shape.flatMap((size, axis) =>
        size === 1 && reduced.shape[axis] !== 1 ? [axis] : [],
      );
      return broadcast.length > 0 ? ops.reduceSum(reduced, broadcast, true) : reduced;
    },
    // Zero blocks concatenated on each padded axis, not Pad: CUDA's Pad has no bfloat16 kernel.
    padWithZeros(x, pads, shape) {
      const rank = shape.length;
      let padded = x;
      for (let axis = 0; axis < rank; axis++) {
        const [before, after] = [pads[axis] as number, pads[rank + axis] as number];
        if (before === 0 && after === 0) continue;
        const block = (size: number) => ops.zeros(padded.shape.with(axis, size), x.type);
        padded = ops.concat(
          [...(before > 0 ? [block(before)] : []), padded, ...(after > 0 ? [block(after)] : [])],
          axis,
        );
      }
      return padded;
    },
    unsqueezeIndices: (indices) =>
      emitter.node(
        'Unsqueeze',
        [indices, emitter.int64s([-1])],
        [{ shape: [...indices.shape, 1], type: indices.type }],
      )[0] as Tensor,
  };
  return ops;
}

/** Float values as the data of a tensor of `type` (half precisions as their bits). */
export function floatData(values: readonly number[], type: ElementType): TensorData {
  switch (type) {
    case 'float64':
      return Float64Array.from(values);
    case 'float16':
      return float32ToFloat16(Float32Array.from(values));
    case 'bfloat16':
      return float32ToBfloat16(Float32Array.from(values));
    default:
      return Float32Array.from(values);
  }
}
