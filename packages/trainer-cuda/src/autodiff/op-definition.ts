import type { AttributeValue, ElementType, TensorData } from '@s1/model-io';
import type { Ops } from './ops';
import type { Tensor } from './tensor';

/** Emits ONNX nodes into the graph being built, with the shapes and types of their outputs. */
export interface Emitter {
  /** Emits one node of `opType`; returns its outputs, one per entry of `outputs`. */
  node(
    opType: string,
    inputs: readonly (Tensor | string)[],
    outputs: readonly { shape: readonly number[]; type: ElementType }[],
    attributes?: Record<string, AttributeValue>,
  ): Tensor[];
  /** A constant tensor (an initializer, shared by every use of the same values). */
  constant(data: TensorData, shape: readonly number[], type: ElementType): Tensor;
  /** A 1-D int64 constant: axes, shapes, slice bounds. */
  int64s(values: readonly number[]): Tensor;
}

/**
 * What a gradient rule gets: the op's inputs, outputs, attributes and the gradients flowing back.
 */
export interface GradientContext<Attributes> {
  /** The op's inputs. */
  inputs: readonly Tensor[];
  /** The op's outputs. */
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
  /** The op's attributes. */
  attributes: Attributes;
}

/** One input of a gradient check case. */
export interface CheckInput {
  /** The input's shape. */
  shape: readonly number[];
  /** `float` (the default) and `positive`: random values, checked; `indices`: integers below `below`; `labels`: the same with one −100. */
  kind?: 'float' | 'indices' | 'positive' | 'labels';
  /** The bound of `indices` and `labels` values. */
  below?: number;
}

/** A case the finite-difference test runs the op's gradient rule on. */
export interface GradientCheck<Attributes> {
  /** The case's name in the test. */
  name: string;
  /** The op's inputs. */
  inputs: readonly CheckInput[];
  /** The op's attributes. */
  attributes: Attributes;
}

/**
 * One differentiable operation: how it is emitted as ONNX nodes (with the shapes of its outputs)
 * and how the gradients of its inputs follow from those of its outputs, written with the same
 * operations (`ops`), so the backward graph is built from the same table. Every op lists cases
 * that the finite-difference test checks its rule on.
 */
export interface OpDefinition<Attributes> {
  /** The op's name, e.g. `MatMul`. */
  readonly name: string;
  /** Emits the op's nodes; returns its outputs. */
  forward(emit: Emitter, inputs: readonly Tensor[], attributes: Attributes): Tensor[];
  /**
   * The gradient of each input (undefined where none is needed), from the gradients of the outputs.
   */
  gradient(ops: Ops, context: GradientContext<Attributes>): (Tensor | undefined)[];
  /** The gradients it returns already include `accumulated`, for the inputs it returns them for. */
  readonly accumulates?: boolean;
  /** The cases the finite-difference test checks the gradient rule on. */
  readonly checks: readonly GradientCheck<Attributes>[];
}
