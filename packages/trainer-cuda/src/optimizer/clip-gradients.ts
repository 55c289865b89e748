import type { Ops } from '../autodiff/ops';
import type { Tensor } from '../autodiff/tensor';

/**
 * Global-norm clipping as torch.nn.utils.clip_grad_norm_: the 2-norm over every gradient; when a
 * maximum is given, every gradient is scaled by min(1, max / (norm + 1e-6)). Returns the norm
 * before clipping and the gradients to apply.
 */
export function clipGradients(
  ops: Ops,
  gradients: readonly Tensor[],
  maxNorm: number | undefined,
): { norm: Tensor; clipped: Tensor[] } {
  const squares = gradients.map((gradient) => {
    const [sum] = ops.emitter.node(
      'ReduceSumSquare',
      [gradient],
      [{ shape: [], type: gradient.type }],
      {
        keepdims: 0,
      },
    );
    return sum as Tensor;
  });
  const type = (gradients[0] as Tensor).type;
  const [total] = ops.emitter.node('Sum', squares, [{ shape: [], type }]);
  const norm = ops.sqrt(total as Tensor);
  if (maxNorm === undefined) return { norm, clipped: [...gradients] };
  const [coefficient] = ops.emitter.node(
    'Min',
    [
      ops.scalar(1, type),
      ops.div(ops.scalar(maxNorm, type), ops.add(norm, ops.scalar(1e-6, type))),
    ],
    [{ shape: [], type }],
  );
  return { norm, clipped: gradients.map((gradient) => ops.mul(gradient, coefficient as Tensor)) };
}
