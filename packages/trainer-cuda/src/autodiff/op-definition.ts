import type { AttributeValue, ElementType, TensorData } from '@s1/model-io';
import type { Ops } from './ops';
import type { Tensor } from './tensor';

/** Emits ONNX nodes into the graph being built, with the shapes and types of their outputs. */
export interface Emitter {
  node(
    opType: string,
    inputs: readonly (Tensor | string)[],
    outputs: readonly { shape: readonly number[]; type: ElementType }[],
    attributes?: Record<string, AttributeValue>,
  ): Tensor[];
  constant(data: TensorData, shape: readonly number[], type: ElementType): Tensor;
  /** A 1-D int64 constant: axes, shapes, slice bounds. */
  int64s(values: readonly number[]): Tensor;
}

export interface GradientContext<Attributes> {
  inputs: readonly Tensor[];
  outputs: readonly Tensor[];
  /** The gradient of each output; undefined where none flows back. */
  outputGradients: readonly (Tensor | undefined)[];
  /** Whether each input needs a gradient (a parameter depends on it); rules skip the others. */
  needsGradient: readonly boolean[];
  /**
   * The gradient each input has gathered so far from later ops. An op that `accumulates` adds
   * its own into it (a sparse update, say) and returns the sum; the others leave it alone.
   */
  accumulated: readonly (Tensor | undefined)[];
  attributes: Attributes;
}

/** One input of a gradient check case. */
export interface CheckInput {
  shape: readonly number[];
  /** `float` (the default) and `positive`: random values, checked; `indices`: integers below `below`; `labels`: the same with one −100. */
  kind?: 'float' | 'indices' | 'positive' | 'labels';
  below?: number;
}

/** A case the finite-difference test runs the op's gradient rule on. */
export interface GradientCheck<Attributes> {
  name: string;
  inputs: readonly CheckInput[];
  attributes: Attributes;
}

/**
 * One differentiable operation: how it is emitted as ONNX nodes (with the shapes of its outputs)
 * and how the gradients of its inputs follow from those of its outputs, written with the same
 * operations (`ops`), so the backward graph is built from the same table. Every op lists cases
 * that the finite-difference test checks its rule on.
 */
export interface OpDefinition<Attributes> {
  readonly name: string;
  forward(emit: Emitter, inputs: readonly Tensor[], attributes: Attributes): Tensor[];
  gradient(ops: Ops, context: GradientContext<Attributes>): (Tensor | undefined)[];
  /** The gradients it returns already include `accumulated`, for the inputs it returns them for. */
  readonly accumulates?: boolean;
  readonly checks: readonly GradientCheck<Attributes>[];
}
