import type { ElementType } from '@s1/model-io';

/** A value of the graph being built: its ONNX name, its static shape and its element type. */
export interface Tensor {
  /** The value's name in the ONNX graph. */
  readonly name: string;
  /** Its static shape. */
  readonly shape: readonly number[];
  /** Its element type. */
  readonly type: ElementType;
}

/** How many elements a shape holds. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

/** NumPy broadcasting of two shapes, or an error naming both. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const left = a[a.length - rank + axis] ?? 1;
    const right = b[b.length - rank + axis] ?? 1;
    if (left !== right && left !== 1 && right !== 1) {
      throw new RangeError(`shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    }
    shape.push(left === 1 ? right : left);
  }
  return shape;
}
