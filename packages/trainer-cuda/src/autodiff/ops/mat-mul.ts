import type { OpDefinition } from '../op-definition';
import type { Ops } from '../ops';
import { broadcastShapes, sizeOf, type Tensor } from '../tensor';

const swapLastTwo = (rank: number) => [
  ...Array.from({ length: rank - 2 }, (_, axis) => axis),
  rank - 1,
  rank - 2,
];

function transposed(ops: Ops, x: Tensor): Tensor {
  return ops.transpose(x, swapLastTwo(x.shape.length));
}

/** Matrix products of rank-2 or batched operands; batch axes broadcast as in NumPy. */
export const matMul: OpDefinition<undefined> = {
  name: 'MatMul',
  forward: (emit, [a, b]) => {
    const left = a as Tensor;
    const right = b as Tensor;
    const batch = broadcastShapes(left.shape.slice(0, -2), right.shape.slice(0, -2));
    const shape = [...batch, left.shape.at(-2) as number, right.shape.at(-1) as number];
    return emit.node('MatMul', [left, right], [{ shape, type: left.type }]);
  },
  gradient: (ops, { inputs: [a, b], outputGradients: [g], needsGradient }) => {
    const left = a as Tensor;
    const right = b as Tensor;
    const gradient = g as Tensor;
    const gradA = needsGradient[0]
      ? ops.reduceToShape(ops.matMul(gradient, transposed(ops, right)), left.shape)
      : undefined;
    let gradB: Tensor | undefined;
    if (needsGradient[1]) {
      if (right.shape.length === 2 && left.shape.length > 2) {
        // A weight shared by every position: one product over all rows, not one per batch entry.
        const [k, n] = right.shape as [number, number];
        const rows = ops.reshape(left, [sizeOf(left.shape.slice(0, -1)), k]);
        const gradRows = ops.reshape(gradient, [rows.shape[0] as number, n]);
        gradB = ops.matMul(transposed(ops, rows), gradRows);
      } else {
        gradB = ops.reduceToShape(ops.matMul(transposed(ops, left), gradient), right.shape);
      }
    }
    return [gradA, gradB];
  },
  checks: [
    { name: 'matrices', inputs: [{ shape: [2, 3] }, { shape: [3, 4] }], attributes: undefined },
    {
      name: 'positions times a weight',
      inputs: [{ shape: [2, 3, 4] }, { shape: [4, 5] }],
      attributes: undefined,
    },
    {
      name: 'attention scores',
      inputs: [{ shape: [2, 2, 3, 4] }, { shape: [2, 2, 4, 3] }],
      attributes: undefined,
    },
    {
      name: 'a broadcast batch',
      inputs: [{ shape: [2, 3, 4] }, { shape: [1, 4, 2] }],
      attributes: undefined,
    },
  ],
};
