import type { OpDefinition } from '../op-definition';
import type { Tensor } from '../tensor';

/** Rows of `data` picked by integer `indices` (an embedding lookup): `Gather` on axis 0. */
export const gather: OpDefinition<undefined> = {
  name: 'Gather',
  forward: (emit, [data, indices]) => {
    const table = data as Tensor;
    const picked = indices as Tensor;
    return emit.node(
      'Gather',
      [table, picked],
      [{ shape: [...picked.shape, ...table.shape.slice(1)], type: table.type }],
      {
        axis: 0,
      },
    );
  },
  // Each picked row's gradient is added into its row, a row picked twice getting both, straight
  // into the gradient the table already has (a tied output head's): no dense zeros, no extra sum.
  accumulates: true,
  gradient: (ops, { inputs: [data, indices], outputGradients: [g], accumulated: [earlier] }) => {
    const table = data as Tensor;
    const picked = indices as Tensor;
    const zeros = earlier ?? ops.zeros(table.shape, table.type);
    const where = ops.unsqueezeIndices(picked);
    const [scattered] = ops.emitter.node(
      'ScatterND',
      [zeros, where, g as Tensor],
      [{ shape: table.shape, type: table.type }],
      {
        reduction: 'add',
      },
    );
    return [scattered, undefined];
  },
  checks: [
    {
      name: 'rows picked more than once',
      inputs: [{ shape: [5, 3] }, { shape: [2, 4], kind: 'indices', below: 5 }],
      attributes: undefined,
    },
  ],
};
