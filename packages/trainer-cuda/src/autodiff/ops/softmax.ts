import type { OpDefinition } from '../op-definition';
import type { Tensor } from '../tensor';

const checks = [
  { name: 'rows', inputs: [{ shape: [2, 5] }], attributes: { axis: -1 } },
  { name: 'a middle axis', inputs: [{ shape: [2, 3, 4] }], attributes: { axis: 1 } },
];

export const softmax: OpDefinition<{
  /** The axis normalised over. */
  axis: number;
}> = {
  name: 'Softmax',
  forward: (emit, [x], { axis }) =>
    emit.node(
      'Softmax',
      [x as Tensor],
      [{ shape: (x as Tensor).shape, type: (x as Tensor).type }],
      { axis },
    ),
  // dx = y ⊙ (g − Σ g ⊙ y)
  gradient: (ops, { outputs: [y], outputGradients: [g], attributes: { axis } }) => {
    const probabilities = y as Tensor;
    const weighted = ops.reduceSum(ops.mul(g as Tensor, probabilities), [axis], true);
    return [ops.mul(probabilities, ops.sub(g as Tensor, weighted))];
  },
  checks,
};

export const logSoftmax: OpDefinition<{
  /** The axis normalised over. */
  axis: number;
}> = {
  name: 'LogSoftmax',
  forward: (emit, [x], { axis }) =>
    emit.node(
      'LogSoftmax',
      [x as Tensor],
      [{ shape: (x as Tensor).shape, type: (x as Tensor).type }],
      { axis },
    ),
  // dx = g − softmax(x) ⊙ Σ g
  gradient: (ops, { outputs: [y], outputGradients: [g], attributes: { axis } }) => [
    ops.sub(g as Tensor, ops.mul(ops.exp(y as Tensor), ops.reduceSum(g as Tensor, [axis], true))),
  ],
  checks,
};
